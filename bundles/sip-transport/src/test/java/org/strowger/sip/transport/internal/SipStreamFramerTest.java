package org.strowger.sip.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RFC 3261 §18.3 stream framing and RFC 5626 §3.5.1 keep-alives, on an EmbeddedChannel. */
class SipStreamFramerTest {

    private static final String OPTIONS = "OPTIONS sip:a@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK1\r\n"
            + "Call-ID: 1@x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    private static final String MESSAGE = "MESSAGE sip:a@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK2\r\n"
            + "Call-ID: 2@x\r\nCSeq: 1 MESSAGE\r\nl : 5\r\n\r\nhello";

    private final List<ByteBuf> written = new ArrayList<>();
    private EmbeddedChannel channel = new EmbeddedChannel(new SipStreamFramer(4096, 1024));

    @AfterEach
    void noLeaks() {
        assertFalse(channel.finish(), "nothing left in the channel");
        for (ByteBuf b : written) {
            assertEquals(0, b.refCnt(), "input buffer released");
        }
    }

    private void write(String text) {
        ByteBuf b = Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
        written.add(b);
        channel.writeInbound(b);
    }

    private StreamFrame next() {
        return channel.readInbound();
    }

    private static String text(StreamFrame frame) {
        try {
            return frame.bytes().toString(StandardCharsets.ISO_8859_1);
        } finally {
            frame.release(); // a retained slice: the input's refCnt (checked after each test) shows leaks
        }
    }

    @Test
    void oneMessageSplitAcrossManyReads() {
        String all = MESSAGE;
        for (int i = 0; i < all.length(); i += 7) {
            write(all.substring(i, Math.min(all.length(), i + 7)));
            if (i + 7 < all.length()) {
                assertNull(next(), "nothing before the last byte of the body");
            }
        }
        assertEquals(MESSAGE, text(next()));
        assertNull(next());
    }

    @Test
    void headerTerminatorSplitBetweenReads() {
        int cut = OPTIONS.length() - 3; // "\r\n\r\n" split as "\r" | "\n\r\n"
        write(OPTIONS.substring(0, cut));
        assertNull(next());
        write(OPTIONS.substring(cut));
        assertEquals(OPTIONS, text(next()));
    }

    @Test
    void coalescedMessagesAreSplit() {
        write(OPTIONS + MESSAGE + OPTIONS.substring(0, 10));
        assertEquals(OPTIONS, text(next()));
        assertEquals(MESSAGE, text(next()));
        assertNull(next());
        write(OPTIONS.substring(10));
        assertEquals(OPTIONS, text(next()));
    }

    @Test
    void compactAndCaseInsensitiveContentLength() {
        String msg = "MESSAGE sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK3\r\nCONTENT-length:\t3\r\n\r\nabc";
        write(msg + msg.replace("CONTENT-length:\t3", "L:3"));
        assertEquals(msg, text(next()));
        assertTrue(text(next()).endsWith("abc"));
    }

    @Test
    void doubleCrlfIsAPingAndSingleCrlfsAreSkipped() {
        write("\r\n\r\n");
        assertTrue(((StreamFrame) next()).ping());
        write("\r\n" + OPTIONS);
        assertEquals(OPTIONS, text(next()));
        write("\r\n");
        assertNull(next(), "a lone CRLF waits: it may be half a ping");
        write("\r\n");
        assertTrue(((StreamFrame) next()).ping());
        assertNull(next());
    }

    @Test
    void missingContentLengthFailsWithHeaderSectionAndStopsReading() {
        String noLength = OPTIONS.replace("Content-Length: 0\r\n", "");
        write(noLength + OPTIONS);
        StreamFrame f = next();
        assertEquals(FrameError.MISSING_CONTENT_LENGTH, f.error());
        assertEquals(400, f.error().statusCode());
        assertTrue(text(f).endsWith("CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"));
        assertNull(next(), "after a framing error the rest of the stream is discarded");
        write(OPTIONS);
        assertNull(next());
    }

    @Test
    void invalidContentLengths() {
        for (String bad : new String[] {"Content-Length: -1", "Content-Length: abc", "Content-Length: 1 2",
                "Content-Length: 99999999999", "Content-Length: 1\r\nl: 2"}) {
            channel = new EmbeddedChannel(new SipStreamFramer(4096, 1024));
            write(OPTIONS.replace("Content-Length: 0", bad));
            StreamFrame f = next();
            assertEquals(FrameError.BAD_CONTENT_LENGTH, f.error(), bad);
            String header = text(f);
            assertFalse(header.contains(bad), "the bad value is replaced: " + header);
            assertFalse(channel.finish());
        }
        channel = new EmbeddedChannel(new SipStreamFramer(4096, 1024));
    }

    @Test
    void oversizedBodyAndMessage() {
        write(OPTIONS.replace("Content-Length: 0", "Content-Length: 2000"));
        StreamFrame f = next();
        assertEquals(FrameError.BODY_TOO_LARGE, f.error());
        assertEquals(413, f.error().statusCode());
        text(f);
        assertFalse(channel.finish());

        channel = new EmbeddedChannel(new SipStreamFramer(512, 1024));
        write(OPTIONS.replace("Content-Length: 0", "X-Pad: " + "p".repeat(200) + "\r\nContent-Length: 400"));
        f = next();
        assertEquals(FrameError.MESSAGE_TOO_LARGE, f.error());
        assertEquals(513, f.error().statusCode());
        text(f);
    }

    @Test
    void endlessHeaderSectionIsBounded() {
        channel = new EmbeddedChannel(new SipStreamFramer(512, 512));
        write("INVITE sip:x SIP/2.0\r\n");
        for (int i = 0; i < 40 && channel.inboundMessages().isEmpty(); i++) {
            write("X-Junk: " + "j".repeat(20) + "\r\n");
        }
        StreamFrame f = next();
        assertNotNull(f, "a header section longer than maxMessageSize fails");
        assertEquals(FrameError.HEADERS_TOO_LARGE, f.error());
        assertNull(f.bytes());
        write("more junk\r\n\r\n");
        assertNull(next());
    }

    @Test
    void garbageIsFramedForTheParserToReject() {
        write("\u0000\u0001garbage\r\n\r\n");
        StreamFrame f = next();
        assertEquals(FrameError.MISSING_CONTENT_LENGTH, f.error());
        text(f);
    }

    @Test
    void foldedContentLengthValue() {
        String msg = "MESSAGE sip:a@b SIP/2.0\r\nContent-Length:\r\n 2\r\nVia: SIP/2.0/TCP h\r\n\r\nok";
        write(msg);
        assertEquals(msg, text(next()));
    }
}
