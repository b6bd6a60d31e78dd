package org.strowger.sip.transport.internal;

/**
 * Why a stream could not be framed (RFC 3261 §18.3). Every one ends the connection: after a framing
 * error the position of the next message in the stream is unknown.
 */
enum FrameError {
    /** §18.3: "In the case of stream-oriented transports such as TCP, the Content-Length header field indicates the size of the body... MUST be used". */
    MISSING_CONTENT_LENGTH(400, "Missing Content-Length"),
    /** Not a non-negative decimal number, or several different values. */
    BAD_CONTENT_LENGTH(400, "Invalid Content-Length"),
    /** The body is larger than the configured maxBodySize (RFC 3261 §21.4.11). */
    BODY_TOO_LARGE(413, "Request Entity Too Large"),
    /** Header section plus body larger than maxMessageSize (RFC 3261 §21.5.9). */
    MESSAGE_TOO_LARGE(513, "Message Too Large"),
    /** No end of the header section within maxMessageSize bytes: nothing to answer, just close. */
    HEADERS_TOO_LARGE(513, "Message Too Large"),
    /** The message did not complete within tcpMessageTimeout of its first byte (slow sender): close without an answer. */
    MESSAGE_TIMEOUT(408, "Message Timeout");

    private final int statusCode;
    private final String reason;

    FrameError(int statusCode, String reason) {
        this.statusCode = statusCode;
        this.reason = reason;
    }

    /** The status a request gets when this happens. */
    int statusCode() {
        return statusCode;
    }

    /** The reason phrase of that response, naming the problem. */
    String reason() {
        return reason;
    }
}
