package org.strowger.sip.stateless.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.strowger.sip.message.api.ParseResult;
import org.strowger.sip.message.api.SipCodecConfig;
import org.strowger.sip.message.api.SipParser;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;

class StatelessResponderTest {

    private final StatelessResponder responder = new StatelessResponder(List.of("OPTIONS"),
            List.of("application/sdp"), List.of("path"), "Strowger");

    static SipRequest request(String method, String extraHeaders) {
        String text = method + " sip:strowger@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-" + method.toLowerCase() + "-1\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@127.0.0.1>;tag=a1\r\n"
                + "To: <sip:strowger@127.0.0.1>\r\n"
                + "Call-ID: c1@127.0.0.1\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + extraHeaders
                + "Content-Length: 0\r\n\r\n";
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ParseResult r = new SipParser(SipCodecConfig.DEFAULTS).parse(b, 0, b.length);
        assertTrue(r.isSuccess(), () -> r.failure().reason());
        return (SipRequest) r.message();
    }

    @Test
    void rfc3261_11_2_optionsGets200WithAllowAcceptSupported() {
        StatelessResponder.Decision d = responder.decide(request("OPTIONS", ""));
        assertEquals(StatelessResponder.Outcome.ANSWERED_OPTIONS, d.outcome());
        SipResponse r = d.response().orElseThrow();
        assertEquals(200, r.statusCode());
        assertEquals("OPTIONS", r.header("Allow"));
        assertEquals("application/sdp", r.header("Accept"));
        assertEquals("path", r.header("Supported"));
        assertEquals("z9hG4bK-options-1", r.topVia().branch());
        assertEquals("c1@127.0.0.1", r.callId());
        assertEquals("a1", r.from().tag());
        assertEquals(1L, r.cseq().sequence());
    }

    @Test
    void rfc3261_8_2_7_toTagIsAddedAndIsTheSameForARetransmission() {
        SipResponse first = responder.decide(request("OPTIONS", "")).response().orElseThrow();
        SipResponse again = responder.decide(request("OPTIONS", "")).response().orElseThrow();
        assertNotNull(first.to().tag());
        assertEquals(first.to().tag(), again.to().tag());
        SipRequest other = request("OPTIONS", "");
        other.setHeader("Call-ID", "c2@127.0.0.1");
        assertNotEquals(first.to().tag(), responder.decide(other).response().orElseThrow().to().tag());
    }

    @Test
    void rfc3261_8_2_7_existingToTagIsKept() {
        SipRequest inDialog = request("OPTIONS", "");
        inDialog.setHeader("To", "<sip:strowger@127.0.0.1>;tag=b2");
        assertEquals("b2", responder.decide(inDialog).response().orElseThrow().to().tag());
    }

    @Test
    void rfc3261_21_5_2_unknownMethodGets501() {
        StatelessResponder.Decision d = responder.decide(request("FOO", ""));
        assertEquals(StatelessResponder.Outcome.NOT_IMPLEMENTED, d.outcome());
        assertEquals(501, d.response().orElseThrow().statusCode());
        assertEquals("Not Implemented", d.response().orElseThrow().reasonPhrase());
    }

    @Test
    void inviteGets501UntilTheDialogLayerExists() {
        assertEquals(501, responder.decide(request("INVITE", "")).response().orElseThrow().statusCode());
    }

    @Test
    void rfc3261_8_2_7_ackAndCancelAreIgnored() {
        assertEquals(StatelessResponder.Outcome.IGNORED, responder.decide(request("ACK", "")).outcome());
        assertTrue(responder.decide(request("ACK", "")).response().isEmpty());
        assertTrue(responder.decide(request("CANCEL", "")).response().isEmpty());
    }

    @Test
    void rfc3261_8_2_2_3_unknownRequiredExtensionGets420WithUnsupported() {
        StatelessResponder.Decision d = responder.decide(request("OPTIONS", "Require: path, 100rel, foo\r\n"));
        assertEquals(StatelessResponder.Outcome.BAD_EXTENSION, d.outcome());
        SipResponse r = d.response().orElseThrow();
        assertEquals(420, r.statusCode());
        assertEquals(List.of("100rel", "foo"), r.headerValues("Unsupported"));
    }
}
