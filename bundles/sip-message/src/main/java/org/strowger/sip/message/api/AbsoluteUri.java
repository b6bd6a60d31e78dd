package org.strowger.sip.message.api;

import java.util.Locale;

/** Any URI whose scheme is neither sip, sips nor tel, kept opaque (RFC 3261 §25.1 absoluteURI). */
public final class AbsoluteUri implements Uri {
    private final String scheme;
    private final String schemeSpecificPart;

    public AbsoluteUri(String scheme, String schemeSpecificPart) {
        this.scheme = scheme;
        this.schemeSpecificPart = schemeSpecificPart;
    }

    @Override
    public String scheme() {
        return scheme.toLowerCase(Locale.ROOT);
    }

    public String schemeSpecificPart() {
        return schemeSpecificPart;
    }

    @Override
    public String toString() {
        return scheme + ":" + schemeSpecificPart;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AbsoluteUri other && other.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
