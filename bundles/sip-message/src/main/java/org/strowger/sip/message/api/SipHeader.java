package org.strowger.sip.message.api;

/**
 * One header field as it appears in a message: name (known names in their canonical long form,
 * unknown names verbatim) and value (line folding replaced by a single SP and surrounding
 * whitespace trimmed, RFC 3261 §7.3.1).
 */
public record SipHeader(String name, String value) {
}
