package org.strowger.sip.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cuts a SIP byte stream into messages (RFC 3261 §18.3): skips CRLFs before a start line (§7.5),
 * turns a double CRLF into a keep-alive ping (RFC 5626 §3.5.1), finds the empty line ending the
 * header section, reads Content-Length (long or compact form {@code l}, case-insensitive) and waits
 * until the whole body is there. Only framing happens here; parsing is the parser's job.
 *
 * <p>Limits: a header section that does not end within {@code maxMessageSize} bytes, a body larger
 * than {@code maxBodySize} or a message larger than {@code maxMessageSize} is a {@link FrameError};
 * so is a missing or invalid Content-Length. After an error the framer discards everything: the
 * handler answers (if it can) and closes the connection. Memory held per connection is therefore
 * bounded by {@code maxMessageSize} plus one read.
 *
 * <p>Time: once the first byte of a message is buffered, the whole message must arrive within
 * {@code messageTimeout} (a deadline per message, not reset by further bytes, unlike the idle
 * timeout). Otherwise the framer emits {@link FrameError#MESSAGE_TIMEOUT} and discards everything, so
 * a slow sender cannot hold a buffer for long. CRLFs between messages (keep-alives) start no deadline.
 * The deadline is a task on the channel's event loop, cancelled when the message completes.
 */
final class SipStreamFramer extends ByteToMessageDecoder {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.US_ASCII);

    private final int maxMessageSize;
    private final int maxBodySize;
    private final long messageTimeoutNanos;

    /** Bytes of the current header section already searched for its end. */
    private int scanned;
    /** Total length of the current message once its header section is known, else -1. */
    private int expected = -1;
    private boolean failed;
    /** The deadline of the message being buffered, or null. */
    private ScheduledFuture<?> deadline;

    /** Without a message deadline (framing only). */
    SipStreamFramer(int maxMessageSize, int maxBodySize) {
        this(maxMessageSize, maxBodySize, 0, TimeUnit.NANOSECONDS);
    }

    /** @param messageTimeout how long one message may take to arrive once started; 0 = no limit */
    SipStreamFramer(int maxMessageSize, int maxBodySize, long messageTimeout, TimeUnit unit) {
        if (maxMessageSize <= 0 || maxBodySize < 0 || messageTimeout < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxMessageSize = maxMessageSize;
        this.maxBodySize = maxBodySize;
        this.messageTimeoutNanos = unit.toNanos(messageTimeout);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            frame(in, out);
        } finally {
            watch(ctx);
        }
    }

    /** Starts the deadline when a message has started, cancels it when none is pending. */
    private void watch(ChannelHandlerContext ctx) {
        boolean started = !failed && (expected >= 0 || scanned > 0);
        if (started && deadline == null && messageTimeoutNanos > 0 && ctx.channel().isActive()) {
            deadline = ctx.executor().schedule(() -> expire(ctx), messageTimeoutNanos, TimeUnit.NANOSECONDS);
        } else if (!started) {
            cancelDeadline();
        }
    }

    /** On the event loop: the message did not complete in time. Everything buffered is discarded. */
    private void expire(ChannelHandlerContext ctx) {
        deadline = null;
        if (failed || !(expected >= 0 || scanned > 0)) {
            return;
        }
        failed = true;
        expected = -1;
        scanned = 0;
        ByteBuf buffered = internalBuffer();
        buffered.skipBytes(buffered.readableBytes());
        ctx.fireChannelRead(StreamFrame.failure(FrameError.MESSAGE_TIMEOUT, null));
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        cancelDeadline();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        try {
            super.channelInactive(ctx); // decodes what is left
        } finally {
            cancelDeadline();
        }
    }

    private void frame(ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        // Each pass consumes bytes or returns, so the loop ends after at most readableBytes passes.
        while (in.isReadable()) {
            if (expected < 0 && scanned == 0) {
                int skipped = skipKeepAlives(in, out);
                if (skipped < 0) {
                    return; // a lone CRLF: wait to see whether it starts a double-CRLF ping
                }
                if (!in.isReadable()) {
                    return;
                }
            }
            if (expected < 0 && !readHeaderSection(in, out)) {
                return;
            }
            if (failed) {
                in.skipBytes(in.readableBytes());
                return;
            }
            if (in.readableBytes() < expected) {
                return;
            }
            out.add(StreamFrame.message(in.readRetainedSlice(expected)));
            expected = -1;
            scanned = 0;
            cancelDeadline(); // the next message, if it has started, gets a deadline of its own
        }
    }

    /**
     * Consumes CRLFs before a start line. A double CRLF is a ping. Returns -1 when the input ends in
     * a CRLF prefix that may still become a ping, else the number of bytes skipped.
     */
    private static int skipKeepAlives(ByteBuf in, List<Object> out) {
        int skipped = 0;
        while (in.readableBytes() >= 1 && in.getByte(in.readerIndex()) == CR) {
            int r = in.readerIndex();
            int n = in.readableBytes();
            if (n < 2) {
                return -1;
            }
            if (in.getByte(r + 1) != LF) {
                return skipped; // garbage: let the parser name it
            }
            if (n < 4) {
                if (n == 3 && in.getByte(r + 2) != CR) {
                    in.skipBytes(2);
                    return skipped + 2;
                }
                return -1;
            }
            if (in.getByte(r + 2) == CR && in.getByte(r + 3) == LF) {
                in.skipBytes(4);
                skipped += 4;
                out.add(StreamFrame.PING);
            } else {
                in.skipBytes(2);
                skipped += 2;
            }
        }
        return skipped;
    }

    /** Finds the header section and its Content-Length; false when more input is needed. */
    private boolean readHeaderSection(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int end = endOfHeaders(in, start + Math.max(0, scanned - 3), in.writerIndex());
        if (end < 0) {
            scanned = in.readableBytes();
            if (scanned > maxMessageSize) {
                fail(out, FrameError.HEADERS_TOO_LARGE, null);
            }
            return failed;
        }
        int headerLength = end - start;
        long contentLength = contentLength(in, start, end);
        FrameError error = null;
        if (contentLength == MISSING) {
            error = FrameError.MISSING_CONTENT_LENGTH;
        } else if (contentLength < 0) {
            error = FrameError.BAD_CONTENT_LENGTH;
        } else if (contentLength > maxBodySize) {
            error = FrameError.BODY_TOO_LARGE;
        } else if (headerLength + contentLength > maxMessageSize) {
            error = FrameError.MESSAGE_TOO_LARGE;
        }
        if (error != null) {
            fail(out, error, headerSectionWithoutBody(in, start, end));
            return true;
        }
        expected = headerLength + (int) contentLength;
        return true;
    }

    private void fail(List<Object> out, FrameError error, ByteBuf headerSection) {
        failed = true;
        expected = -1;
        out.add(StreamFrame.failure(error, headerSection));
    }

    /**
     * Index just after the empty line that ends the header section, searching {@code [from, to)},
     * or -1. Accepts CRLF CRLF and, leniently, LF LF and LF CRLF.
     */
    static int endOfHeaders(ByteBuf in, int from, int to) {
        for (int i = Math.max(from, in.readerIndex()); i < to; i++) {
            if (in.getByte(i) != LF) {
                continue;
            }
            if (i + 1 < to && in.getByte(i + 1) == LF) {
                return i + 2;
            }
            if (i + 2 < to && in.getByte(i + 1) == CR && in.getByte(i + 2) == LF) {
                return i + 3;
            }
        }
        return -1;
    }

    static final long MISSING = -1;
    static final long INVALID = -2;

    /**
     * The Content-Length of the header section {@code [start, end)}: its value, {@link #MISSING} or
     * {@link #INVALID} (not digits, too large, or several different values). Folded values (a line
     * starting with SP or HT continues the previous one, RFC 3261 §7.3.1) are joined.
     */
    static long contentLength(ByteBuf in, int start, int end) {
        long found = MISSING;
        int line = nextLine(in, start, end); // skip the start line
        while (line < end) {
            int next = nextLine(in, line, end);
            int valueStart = contentLengthValueStart(in, line, next);
            if (valueStart >= 0) {
                int valueEnd = next;
                while (valueEnd < end && isWhitespace(in.getByte(valueEnd))) { // folded continuation
                    valueEnd = nextLine(in, valueEnd, end);
                }
                long value = parseDigits(in, valueStart, valueEnd);
                if (value < 0 || (found >= 0 && found != value)) {
                    return INVALID;
                }
                found = value;
                next = valueEnd;
            }
            line = next;
        }
        return found;
    }

    private static int nextLine(ByteBuf in, int from, int end) {
        int lf = in.indexOf(from, end, LF);
        return lf < 0 ? end : lf + 1;
    }

    /** If the line {@code [line, next)} is a Content-Length header, the index after its colon, else -1. */
    private static int contentLengthValueStart(ByteBuf in, int line, int next) {
        int i = line;
        byte first = in.getByte(i);
        if (first == 'l' || first == 'L') {
            int j = i + 1;
            while (j < next && isWhitespace(in.getByte(j))) {
                j++;
            }
            if (j < next && in.getByte(j) == ':') {
                return j + 1;
            }
        }
        if (next - i < CONTENT_LENGTH.length + 1) {
            return -1;
        }
        for (int k = 0; k < CONTENT_LENGTH.length; k++) {
            int c = in.getByte(i + k);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != CONTENT_LENGTH[k]) {
                return -1;
            }
        }
        int j = i + CONTENT_LENGTH.length;
        while (j < next && isWhitespace(in.getByte(j))) {
            j++;
        }
        return j < next && in.getByte(j) == ':' ? j + 1 : -1;
    }

    /** Digits surrounded by optional whitespace/CR/LF; at most 10 digits. -1 if anything else. */
    private static long parseDigits(ByteBuf in, int from, int to) {
        long value = 0;
        int digits = 0;
        boolean trailing = false;
        for (int i = from; i < to; i++) {
            byte b = in.getByte(i);
            if (b >= '0' && b <= '9') {
                if (trailing || ++digits > 10) {
                    return -1;
                }
                value = value * 10 + (b - '0');
            } else if (isWhitespace(b) || b == CR || b == LF) {
                trailing = digits > 0;
            } else {
                return -1;
            }
        }
        return digits == 0 || value > Integer.MAX_VALUE ? -1 : value;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t';
    }

    /**
     * A copy of the header section without its Content-Length lines and with {@code Content-Length: 0},
     * so the parser can read the start line and Via and an error response can be built.
     */
    private static ByteBuf headerSectionWithoutBody(ByteBuf in, int start, int end) {
        int emptyLine = end - (in.getByte(end - 2) == CR ? 2 : 1);
        ByteBuf copy = in.alloc().buffer(end - start + 24);
        int line = start;
        boolean first = true;
        while (line < emptyLine) {
            int next = nextLine(in, line, emptyLine);
            boolean skip = !first && contentLengthValueStart(in, line, next) >= 0;
            if (skip) {
                while (next < emptyLine && isWhitespace(in.getByte(next))) {
                    next = nextLine(in, next, emptyLine);
                }
            } else {
                copy.writeBytes(in, line, next - line);
            }
            first = false;
            line = next;
        }
        copy.writeCharSequence("Content-Length: 0\r\n\r\n", StandardCharsets.US_ASCII);
        return copy;
    }
}
