package org.strowger.sip.transport.internal;

import io.netty.buffer.ByteBuf;

/**
 * What {@link SipStreamFramer} emits: one complete message, a keep-alive ping, or a framing error.
 * The receiver owns {@code bytes} and must release it.
 *
 * @param bytes the message bytes; for an error, the header section rewritten with
 *              {@code Content-Length: 0} so that an error response can be built from it (null when
 *              there is no complete header section); null for a ping
 * @param error null for a message or a ping
 * @param ping  true for an RFC 5626 §3.5.1 double-CRLF keep-alive ping
 */
record StreamFrame(ByteBuf bytes, FrameError error, boolean ping) {

    static final StreamFrame PING = new StreamFrame(null, null, true);

    static StreamFrame message(ByteBuf bytes) {
        return new StreamFrame(bytes, null, false);
    }

    static StreamFrame failure(FrameError error, ByteBuf headerSection) {
        return new StreamFrame(headerSection, error, false);
    }

    void release() {
        if (bytes != null && bytes.refCnt() > 0) {
            bytes.release();
        }
    }
}
