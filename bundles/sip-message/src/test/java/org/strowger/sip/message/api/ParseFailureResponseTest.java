package org.strowger.sip.message.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The error response a parse failure owes: RFC 3261 §8.2.6.2 (To tag) and ACK never answered. */
class ParseFailureResponseTest {

    private static final String BAD_OPTIONS = "OPTIONS sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKpf1\r\n"
            + "Max-Forwards: 70\r\nFrom: <sip:alice@example.com>;tag=a1\r\nTo: Bob <sip:bob@example.com>\r\n"
            + "Call-ID: pf1@example.com\r\nCSeq: x OPTIONS\r\nContent-Length: 0\r\n\r\n";

    private static ParseFailure fail(String text) {
        ParseResult r = new SipParser(SipCodecConfig.DEFAULTS).parse(text.getBytes(StandardCharsets.UTF_8));
        assertFalse(r.isSuccess(), text);
        return r.failure();
    }

    @Test
    void rfc3261_8_2_6_2_errorResponseAddsAToTagThatARetransmissionGetsToo() {
        SipResponse answer = fail(BAD_OPTIONS).errorResponse().orElseThrow();
        String tag = answer.to().tag();
        assertNotNull(tag, "the UAS MUST add a tag: " + answer);
        assertEquals("Bob", answer.to().displayName(), "the rest of To is echoed");
        assertEquals(tag, fail(BAD_OPTIONS).errorResponse().orElseThrow().to().tag(), "same request, same tag");
        String other = fail(BAD_OPTIONS.replace("z9hG4bKpf1", "z9hG4bKpf2")).errorResponse().orElseThrow().to().tag();
        assertNotEquals(tag, other, "another request gets another tag");
    }

    @Test
    void rfc3261_8_2_6_2_anExistingToTagIsKept() {
        SipResponse answer = fail(BAD_OPTIONS.replace("To: Bob <sip:bob@example.com>", "To: <sip:bob@example.com>;tag=b7"))
                .errorResponse().orElseThrow();
        assertEquals("<sip:bob@example.com>;tag=b7", answer.header(HeaderNames.TO));
    }

    @Test
    void rfc3261_17_malformedAckIsNeverAnswered() {
        String ack = BAD_OPTIONS.replace("OPTIONS sip:", "ACK sip:");
        ParseFailure mismatch = fail(ack.replace("CSeq: x OPTIONS", "CSeq: 1 INVITE"));
        assertTrue(mismatch.isRequest());
        assertTrue(mismatch.isAck());
        assertTrue(mismatch.errorResponse().isEmpty(), "ACK with a CSeq of another method");
        assertTrue(fail(ack).errorResponse().isEmpty(), "ACK with an unparseable CSeq");
        assertTrue(fail(ack.replace("SIP/2.0\r\n", "SIP/3.0\r\n")).errorResponse().isEmpty(), "ACK of another version");
        assertTrue(fail(BAD_OPTIONS).errorResponse().isPresent(), "other methods are answered");
    }
}
