package org.strowger.sip.transport.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.strowger.sip.message.api.SipCodecConfig;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.message.api.SipParser;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.TraceFilter;
import org.strowger.sip.transport.api.Transport;

/** sip:trace output on logger org.strowger.sip.trace (slf4j-simple writes it to System.err in tests). */
class TracerTest {

    private static final Flow FLOW = new Flow(Transport.UDP, new InetSocketAddress("127.0.0.1", 5060),
            new InetSocketAddress("192.0.2.5", 5062), 0);
    private static final Flow OTHER = new Flow(Transport.UDP, new InetSocketAddress("127.0.0.1", 5060),
            new InetSocketAddress("192.0.2.6", 5062), 0);

    private final Tracer tracer = new Tracer();
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void capture() {
        original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(original);
    }

    private static SipMessage parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new SipParser(SipCodecConfig.DEFAULTS).parse(b, 0, b.length).message();
    }

    private static final String INVITE = "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.5:5062;branch=z9hG4bK9\r\n"
            + "Max-Forwards: 70\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\n"
            + "Call-ID: trace-invite@example.com\r\nCSeq: 7 INVITE\r\nContent-Length: 0\r\n\r\n";
    private static final String RINGING = "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP 192.0.2.5:5062;branch=z9hG4bK9\r\n"
            + "From: <sip:a@example.com>;tag=1\r\nTo: <sip:bob@example.com>;tag=2\r\n"
            + "Call-ID: trace-ringing@example.com\r\nCSeq: 7 INVITE\r\nContent-Length: 0\r\n\r\n";
    private static final String OPTIONS = INVITE.replace("INVITE", "OPTIONS").replace("trace-invite", "trace-options");

    private String output() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void offLogsNothing() {
        tracer.received(parse(INVITE), FLOW);
        assertFalse(output().contains("trace-invite"));
    }

    @Test
    void methodFilterMatchesRequestsAndTheirResponsesByCSeq() {
        tracer.enable(new TraceFilter(null, "invite"));
        tracer.received(parse(INVITE), FLOW);
        tracer.sent(parse(RINGING), FLOW);
        tracer.received(parse(OPTIONS), FLOW);
        String out = output();
        assertTrue(out.contains("org.strowger.sip.trace - IN UDP 127.0.0.1:5060 <- 192.0.2.5:5062"), out);
        assertTrue(out.contains("Call-ID: trace-invite@example.com"), out);
        assertTrue(out.contains("OUT UDP 127.0.0.1:5060 -> 192.0.2.5:5062"), out);
        assertTrue(out.contains("Call-ID: trace-ringing@example.com"), out);
        assertFalse(out.contains("trace-options"), out);
    }

    @Test
    void addressFilterWithAndWithoutPort() {
        tracer.enable(new TraceFilter("192.0.2.5", null));
        tracer.received(parse(INVITE), FLOW);
        tracer.received(parse(OPTIONS), OTHER);
        assertTrue(output().contains("trace-invite"));
        assertFalse(output().contains("trace-options"));
        tracer.enable(new TraceFilter("192.0.2.5:9999", null));
        tracer.sent(parse(RINGING), FLOW);
        assertFalse(output().contains("trace-ringing"));
        tracer.unparsed("garbage!".getBytes(StandardCharsets.US_ASCII), 8, OTHER, "400 bad");
        assertFalse(output().contains("garbage!"));
        tracer.enable(TraceFilter.ALL);
        tracer.unparsed("garbage!".getBytes(StandardCharsets.US_ASCII), 8, OTHER, "400 bad");
        assertTrue(output().contains("unparseable (400 bad):\ngarbage!"), output());
    }
}
