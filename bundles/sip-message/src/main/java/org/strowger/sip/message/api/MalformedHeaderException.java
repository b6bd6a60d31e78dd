package org.strowger.sip.message.api;

/**
 * A header value, URI or start line does not follow the RFC 3261 §25 ABNF. The message names the
 * problem and is safe to use as a reason phrase (no CR or LF). Typed accessors of headers that the
 * parser does not validate eagerly throw it on first access; a UAS answers such a request with 400.
 */
public final class MalformedHeaderException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MalformedHeaderException(String message) {
        super(message);
    }
}
