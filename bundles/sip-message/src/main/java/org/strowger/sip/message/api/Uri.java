package org.strowger.sip.message.api;

import org.strowger.sip.message.internal.UriParser;

/**
 * A URI as used in SIP (RFC 3261 §19.1, §25.1): a SIP/SIPS URI, a tel URI (RFC 3966) or any other
 * absolute URI kept opaque (RFC 3261 §19.1 allows any scheme; RFC 4475 §3.3.2 "unkscm").
 */
public sealed interface Uri permits SipUri, TelUri, AbsoluteUri {
    /** The scheme in lower case ("sip", "sips", "tel", ...). */
    String scheme();

    /** The wire form. */
    @Override
    String toString();

    /**
     * Parses a complete URI.
     *
     * @throws MalformedHeaderException when it does not follow the ABNF
     */
    static Uri parse(String text) {
        return UriParser.parse(text, 0, text.length(), "URI");
    }
}
