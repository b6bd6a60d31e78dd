package org.strowger.sip.message.api;

import java.util.List;

/**
 * One part of a multipart body (RFC 2046 §5.1, RFC 5621): its MIME header fields and content.
 *
 * @param headers header fields of the part (names as written)
 * @param content the part's octets (shared, do not modify)
 */
public record BodyPart(List<SipHeader> headers, byte[] content) {
    public BodyPart {
        headers = List.copyOf(headers);
    }

    /** The first value of a part header (case-insensitive), or null. */
    public String header(String name) {
        for (SipHeader h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** The part's Content-Type, or null when absent (RFC 2046 default text/plain applies). */
    public MediaType contentType() {
        String v = header(HeaderNames.CONTENT_TYPE);
        return v == null ? null : MediaType.parse(v);
    }
}
