package org.strowger.sip.message.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mutable model, serializer, response creation and typed headers. */
class SipMessageTest {
    private static SipRequest invite() {
        return (SipRequest) new SipParser(SipCodecConfig.DEFAULTS)
                .parse(SipParserTest.INVITE.getBytes(StandardCharsets.US_ASCII)).message();
    }

    private static SipMessage with(String headerLines) {
        String text = SipParserTest.INVITE.replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\n" + headerLines);
        ParseResult r = new SipParser(SipCodecConfig.DEFAULTS).parse(text.getBytes(StandardCharsets.UTF_8));
        return r.message();
    }

    @Test
    void rfc3261_7_encodeWritesStartLineHeadersInOrderAndCorrectContentLength() {
        SipRequest m = invite();
        m.setBody("application/sdp", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n".getBytes(StandardCharsets.US_ASCII));
        String wire = new String(m.encode(), StandardCharsets.US_ASCII);
        assertTrue(wire.startsWith("INVITE sip:bob@biloxi.example.com SIP/2.0\r\nVia: SIP/2.0/UDP "), wire);
        assertTrue(wire.contains("\r\nContent-Length: 31\r\n\r\nv=0\r\n"), wire);
        assertEquals(1, wire.split("Content-Length").length - 1);
    }

    @Test
    void encodeAddsContentLengthWhenAbsent() {
        SipResponse r = new SipResponse(200, null);
        r.addHeader("Call-ID", "x");
        assertEquals("SIP/2.0 200 OK\r\nCall-ID: x\r\nContent-Length: 0\r\n\r\n",
                new String(r.encode(), StandardCharsets.US_ASCII));
    }

    @Test
    void headerEditingKeepsOrder() {
        SipRequest m = invite();
        m.prependHeader("Via", "SIP/2.0/TCP proxy.example.com;branch=z9hG4bKp1");
        assertEquals("proxy.example.com", m.topVia().host());
        assertEquals(2, m.vias().size());
        m.prependHeader("Record-Route", "<sip:proxy.example.com;lr>");
        assertEquals("Record-Route", m.headers().get(0).name());
        m.addHeader("X-Custom", "1");
        assertEquals("X-Custom", m.headers().get(m.headers().size() - 1).name());
        m.setHeader("max-forwards", "69");
        assertEquals(69, m.maxForwards());
        m.removeHeader("v");
        assertTrue(m.vias().isEmpty());
        assertNull(m.topVia());
        assertThrows(IllegalArgumentException.class, () -> m.addHeader("X-Evil", "a\r\nVia: injected"));
        assertThrows(IllegalArgumentException.class, () -> m.addHeader("Bad Name", "x"));
    }

    @Test
    void rfc3581_setTopViaAddsReceivedAndRport() {
        SipRequest m = invite();
        m.prependHeader("Via", "SIP/2.0/UDP a.example.com;rport;branch=z9hG4bK1, SIP/2.0/UDP b.example.com;branch=z9hG4bK2");
        Via top = m.topVia().withParam("received", "192.0.2.7").withParam("rport", "5062");
        m.setTopVia(top);
        assertEquals("SIP/2.0/UDP a.example.com;rport=5062;branch=z9hG4bK1;received=192.0.2.7", m.topVia().toString());
        assertEquals(5062, m.topVia().rport());
        assertEquals(3, m.vias().size());
        assertEquals("b.example.com", m.vias().get(1).host());
        assertEquals(m.topVia(), m.removeTopVia());
        assertEquals(2, m.vias().size());
    }

    @Test
    void rfc3261_8_2_6_createForCopiesTheTransactionHeaders() {
        SipRequest m = invite();
        m.prependHeader("Via", "SIP/2.0/TCP proxy.example.com;branch=z9hG4bKp1");
        SipResponse r = SipResponse.createFor(m, StatusCodes.RINGING);
        assertEquals("Ringing", r.reasonPhrase());
        assertEquals(m.vias(), r.vias());
        assertEquals(m.from(), r.from());
        assertEquals(m.to(), r.to());
        assertEquals(m.callId(), r.callId());
        assertEquals(m.cseq(), r.cseq());
        assertNull(r.header("Contact"));
        r.setHeader("To", r.to().withTag("as83kd").toString());
        assertEquals("as83kd", r.to().tag());
        ParseResult again = new SipParser(SipCodecConfig.DEFAULTS).parse(r.encode());
        assertTrue(again.isSuccess(), again::toString);
    }

    @Test
    void headerValuesSplitListsButNotQuotedCommasOrAuthHeaders() {
        SipMessage m = with("Supported: timer, 100rel\r\nSupported: replaces\r\n"
                + "Route: <sip:a.example.com;lr>, \"x, y\" <sip:b.example.com;lr>\r\n"
                + "Authorization: Digest username=\"bob, jr\", realm=\"atlanta.example.com\", nonce=\"ea9c8e88\", "
                + "uri=\"sip:bob@biloxi.example.com\", response=\"0123\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"c\"\r\n"
                + "Date: Sat, 13 Nov 2010 23:29:00 GMT\r\n");
        assertEquals(List.of("timer", "100rel", "replaces"), m.supported());
        assertEquals(2, m.routes().size());
        assertEquals("x, y", m.routes().get(1).displayName());
        assertEquals(1, m.headerValues("Authorization").size());
        AuthHeader a = m.authorization().get(0);
        assertTrue(a.isDigest());
        assertEquals("bob, jr", a.param("username"));
        assertEquals("MD5", a.param("algorithm"));
        assertEquals("00000001", a.param("nc"));
        assertEquals("Sat, 13 Nov 2010 23:29:00 GMT", m.header("Date"));
        assertEquals(a.toString(), AuthHeader.parse(a.toString()).toString());
    }

    @Test
    void typedExtensionHeaders() {
        SipMessage m = with("Allow: INVITE, ACK, BYE\r\nAccept: application/sdp;level=1, text/*\r\n"
                + "Require: 100rel\r\nUnsupported: foo\r\nExpires: 3600\r\nMin-Expires: 60\r\nRSeq: 988789\r\n"
                + "RAck: 776656 1 INVITE\r\nSession-Expires: 1800;refresher=UAS\r\nMin-SE: 90\r\n"
                + "Event: presence;id=7\r\nRefer-To: <sip:carol@example.com?Replaces=abc%40x%3Bto-tag%3D1%3Bfrom-tag%3D2>\r\n"
                + "Replaces: 425928@bobster.example.org;to-tag=7743;from-tag=6472;early-only\r\n"
                + "WWW-Authenticate: Digest realm=\"atlanta.example.com\", nonce=\"84a4cc6f3082121f32b42a2187831a9e\", qop=\"auth\"\r\n");
        assertEquals(List.of(SipMethod.INVITE, SipMethod.ACK, SipMethod.BYE), m.allow());
        assertEquals("1", m.accept().get(0).param("level"));
        assertTrue(m.accept().get(1).matches(new MediaType("text", "plain", null)));
        assertEquals(List.of("100rel"), m.require());
        assertEquals(List.of("foo"), m.unsupported());
        assertEquals(3600L, m.expires());
        assertEquals(60L, m.minExpires());
        assertEquals(988789L, m.rseq());
        assertEquals(new RAck(776656, 1, SipMethod.INVITE), m.rack());
        assertEquals(1800, m.sessionExpires().seconds());
        assertEquals("uas", m.sessionExpires().refresher());
        assertEquals(90L, m.minSE());
        assertEquals("presence", m.event().eventPackage());
        assertEquals("7", m.event().id());
        assertEquals("abc%40x%3Bto-tag%3D1%3Bfrom-tag%3D2", ((SipUri) m.referTo().uri()).headers().get("Replaces"));
        assertEquals(new Replaces("425928@bobster.example.org", "7743", "6472", true), m.replaces());
        assertEquals("84a4cc6f3082121f32b42a2187831a9e", m.wwwAuthenticate().get(0).param("nonce"));
        assertTrue(m.proxyAuthenticate().isEmpty());
        assertNull(invite().expires());
    }

    @Test
    void malformedLazilyParsedHeadersThrowMalformedHeaderException() {
        SipMessage m = with("Expires: soon\r\nRAck: x\r\nSession-Expires: 10;refresher=me\r\n");
        assertThrows(MalformedHeaderException.class, m::expires);
        assertThrows(MalformedHeaderException.class, m::rack);
        MalformedHeaderException e = assertThrows(MalformedHeaderException.class, m::sessionExpires);
        assertTrue(e.getMessage().startsWith("Bad Session-Expires"));
    }

    @Test
    void responseValidation() {
        assertThrows(IllegalArgumentException.class, () -> new SipResponse(99, "x"));
        assertThrows(IllegalArgumentException.class, () -> new SipResponse(700, "x"));
        assertThrows(IllegalArgumentException.class, () -> new SipResponse(200, "O\r\nK"));
        assertEquals("Not Found", new SipResponse(404, null).reasonPhrase());
    }

    @Test
    void rfc3261_21_statusCodes() {
        int[] all = {100, 180, 181, 182, 183, 199, 200, 202, 204, 300, 301, 302, 305, 380, 400, 401, 402, 403, 404, 405,
            406, 407, 408, 410, 412, 413, 414, 415, 416, 417, 420, 421, 422, 423, 428, 429, 430, 433, 436, 437, 438, 439,
            440, 469, 470, 480, 481, 482, 483, 484, 485, 486, 487, 488, 489, 491, 493, 494, 500, 501, 502, 503, 504, 505,
            513, 555, 580, 600, 603, 604, 606, 607, 608};
        for (int code : all) {
            assertTrue(StatusCodes.isKnown(code), "known " + code);
        }
        assertEquals("Call/Transaction Does Not Exist", StatusCodes.reasonPhrase(481));
        assertEquals("Session Interval Too Small", StatusCodes.reasonPhrase(422));
        assertEquals("Request Pending", StatusCodes.reasonPhrase(491));
        assertEquals("Message Too Large", StatusCodes.reasonPhrase(StatusCodes.MESSAGE_TOO_LARGE));
        assertEquals("Client Error", StatusCodes.reasonPhrase(499));
        assertEquals("Unknown", StatusCodes.reasonPhrase(42));
        assertFalse(StatusCodes.isKnown(499));
        assertEquals(200, StatusCodes.OK);
        assertEquals(501, StatusCodes.NOT_IMPLEMENTED);
    }

    @Test
    void rfc3261_7_1_methodsAreCaseSensitiveTokens() {
        assertTrue(SipMethod.valueOf("INVITE") == SipMethod.INVITE);
        assertFalse(SipMethod.valueOf("invite").equals(SipMethod.INVITE));
        assertEquals(SipMethod.valueOf("FOO"), SipMethod.valueOf("FOO"));
        assertEquals(SipMethod.valueOf("FOO").hashCode(), SipMethod.valueOf("FOO").hashCode());
        assertThrows(IllegalArgumentException.class, () -> SipMethod.valueOf("NOT A TOKEN"));
        assertEquals(14, java.util.stream.Stream.of(SipMethod.INVITE, SipMethod.ACK, SipMethod.BYE, SipMethod.CANCEL,
                SipMethod.OPTIONS, SipMethod.REGISTER, SipMethod.PRACK, SipMethod.SUBSCRIBE, SipMethod.NOTIFY,
                SipMethod.PUBLISH, SipMethod.INFO, SipMethod.REFER, SipMethod.MESSAGE, SipMethod.UPDATE)
                .filter(SipMethod::isKnown).count());
    }
}
