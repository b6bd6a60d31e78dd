package org.strowger.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.strowger.sip.message.api.ParseResult;
import org.strowger.sip.message.api.SipCodecConfig;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.message.api.SipParser;

/**
 * The benchmark inputs are what they claim to be: well-formed messages that take the parser's
 * success path, with the values the proxy-fields benchmark reads, and that survive an encode.
 */
class SampleMessagesTest {

    private final SipParser parser = new SipParser(SipCodecConfig.DEFAULTS);

    @Test
    void inviteParsesWithTheFieldsAProxyReads() {
        SipMessage invite = SipCodecBenchmark.parseOrFail(parser, SampleMessages.INVITE, "INVITE");
        assertEquals(SampleMessages.INVITE_CALL_ID, invite.callId());
        assertEquals(SampleMessages.INVITE_BRANCH, invite.topVia().branch());
        assertEquals(1L, invite.cseq().sequence());
        assertNull(invite.to().tag(), "an initial INVITE has no To tag");
    }

    @Test
    void contentLengthIsTheBodyLength() {
        String wire = new String(SampleMessages.INVITE, StandardCharsets.UTF_8);
        int bodyStart = wire.indexOf("\r\n\r\n") + 4;
        int body = SampleMessages.INVITE.length - bodyStart;
        assertTrue(body > 300, "the INVITE carries an SDP offer");
        assertTrue(wire.contains("\r\nContent-Length: " + body + "\r\n"));
        assertTrue(new String(SampleMessages.REGISTER, StandardCharsets.UTF_8).endsWith("Content-Length: 0\r\n\r\n"));
    }

    @Test
    void registerParsesWithItsCredentials() {
        SipMessage register = SipCodecBenchmark.parseOrFail(parser, SampleMessages.REGISTER, "REGISTER");
        assertEquals("0_2384756123@192.0.2.101", register.callId());
        assertEquals(2L, register.cseq().sequence());
    }

    @Test
    void encodedSamplesParseToTheSameMessage() {
        for (byte[] sample : new byte[][] {SampleMessages.INVITE, SampleMessages.REGISTER}) {
            SipMessage first = SipCodecBenchmark.parseOrFail(parser, sample, "sample");
            byte[] encoded = first.encode();
            ParseResult again = parser.parse(encoded, 0, encoded.length);
            assertTrue(again.isSuccess(), () -> "re-parse failed: " + again);
            assertEquals(first.callId(), again.message().callId());
            assertEquals(first.cseq().sequence(), again.message().cseq().sequence());
            assertEquals(first.topVia().branch(), again.message().topVia().branch());
        }
    }
}
