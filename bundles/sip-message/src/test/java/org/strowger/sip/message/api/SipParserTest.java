package org.strowger.sip.message.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Parser behaviour beyond the torture files: framing, limits, line ends, failures. */
class SipParserTest {
    static final String INVITE = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: Bob <sip:bob@biloxi.example.com>\r\n"
            + "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Contact: <sip:alice@pc33.atlanta.example.com>\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: 4\r\n"
            + "\r\n"
            + "v=0\n";

    private static ParseResult parse(String text) {
        return parse(SipCodecConfig.DEFAULTS, text);
    }

    private static ParseResult parse(SipCodecConfig config, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new SipParser(config).parse(b, 0, b.length);
    }

    @Test
    void rfc3261_7_typicalInviteParses() {
        SipRequest m = (SipRequest) parse(INVITE).message();
        assertEquals(SipMethod.INVITE, m.method());
        assertEquals("bob", ((SipUri) m.requestUri()).user());
        assertEquals("z9hG4bK776asdhds", m.topVia().branch());
        assertEquals("Bob", m.to().displayName());
        assertNull(m.to().tag());
        assertEquals("1928301774", m.from().tag());
        assertEquals(70, m.maxForwards());
        assertEquals("v=0\n", new String(m.body(), StandardCharsets.US_ASCII));
    }

    @Test
    void parseHonoursOffsetAndLength() {
        byte[] b = ("xx" + INVITE + "yy").getBytes(StandardCharsets.US_ASCII);
        ParseResult r = new SipParser(SipCodecConfig.DEFAULTS).parse(b, 2, b.length - 4);
        assertTrue(r.isSuccess(), r::toString);
        assertEquals(4, r.message().contentLength());
    }

    @Test
    void rfc3261_7_5_leadingCrlfIsIgnoredAndBareLfLineEndsAreAccepted() {
        ParseResult r = parse("\r\n\r\n" + INVITE.replace("\r\n", "\n"));
        assertTrue(r.isSuccess(), r::toString);
        assertEquals("a84b4c76e66710@pc33.atlanta.example.com", r.message().callId());
    }

    @Test
    void rfc3261_18_3_extraBytesAfterContentLengthAreDiscarded() {
        SipMessage m = parse(INVITE + "garbage").message();
        assertEquals(4, m.contentLength());
    }

    @Test
    void rfc3261_18_3_contentLengthBeyondDatagramIsRejected() {
        ParseFailure f = parse(INVITE.replace("Content-Length: 4", "Content-Length: 5")).failure();
        assertEquals(400, f.statusCode());
        assertTrue(f.reason().contains("Content-Length: 5 exceeds the 4 body bytes received"), f.reason());
        SipResponse answer = f.errorResponse().orElseThrow();
        assertEquals(1, answer.vias().size());
        assertEquals("a84b4c76e66710@pc33.atlanta.example.com", answer.callId());
        assertEquals("1928301774", answer.from().tag());
        assertTrue(answer.encode().length > 0);
    }

    @Test
    void rfc3261_18_3_withoutContentLengthTheBodyIsTheRestOfTheDatagram() {
        SipMessage m = parse(INVITE.replace("Content-Length: 4\r\n", "") + "more").message();
        assertEquals("v=0\nmore", new String(m.body(), StandardCharsets.US_ASCII));
    }

    @Test
    void emptyAndNullInputFailWithoutThrowing() {
        SipParser p = new SipParser(SipCodecConfig.DEFAULTS);
        assertFalse(p.parse(new byte[0], 0, 0).isSuccess());
        assertFalse(p.parse(null, 0, 0).isSuccess());
        assertFalse(p.parse(new byte[3], 2, 5).isSuccess());
        assertFalse(p.parse("\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).isSuccess());
    }

    @Test
    void limit_maxMessageSize_gives513() {
        ParseFailure f = parse(new SipCodecConfig(100, 256, 8192, 65535), INVITE).failure();
        assertEquals(513, f.statusCode());
        assertTrue(f.reason().contains("maxMessageSize 100"), f.reason());
    }

    @Test
    void limit_maxHeaderCount_gives513() {
        ParseFailure f = parse(new SipCodecConfig(65535, 5, 8192, 65535), INVITE).failure();
        assertEquals(513, f.statusCode());
        assertTrue(f.reason().contains("maxHeaderCount 5"), f.reason());
        assertTrue(f.isRequest());
    }

    @Test
    void limit_maxLineLength_gives414ForTheRequestLineAnd513ForAHeader() {
        String longUri = INVITE.replace("sip:bob@biloxi", "sip:" + "b".repeat(200) + "@biloxi");
        ParseFailure f = parse(new SipCodecConfig(65535, 256, 100, 65535), longUri).failure();
        assertEquals(414, f.statusCode());
        String longHeader = INVITE.replace("Max-Forwards: 70", "X-Long: " + "x".repeat(200) + "\r\nMax-Forwards: 70");
        ParseFailure g = parse(new SipCodecConfig(65535, 256, 100, 65535), longHeader).failure();
        assertEquals(513, g.statusCode());
        assertTrue(g.reason().contains("header field longer than maxLineLength 100"), g.reason());
    }

    @Test
    void limit_maxBodySize_gives413() {
        ParseFailure f = parse(new SipCodecConfig(65535, 256, 8192, 3), INVITE).failure();
        assertEquals(413, f.statusCode());
        assertTrue(f.reason().contains("maxBodySize 3"), f.reason());
    }

    @Test
    void rfc3261_18_3_contentLengthBeyondTheDatagramIs400EvenAboveMaxBodySize() {
        ParseFailure f = parse(INVITE.replace("Content-Length: 4", "Content-Length: 99999")).failure();
        assertEquals(400, f.statusCode(), f::toString);
        assertTrue(f.reason().contains("Content-Length"), f.reason());
    }

    @Test
    void codecConfigRejectsNonPositiveLimitsWithAnActionableMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SipCodecConfig(0, 1, 1, 1));
        assertTrue(e.getMessage().contains("maxMessageSize"));
        assertEquals(65535, SipCodecConfig.DEFAULTS.maxMessageSize());
        assertEquals(256, SipCodecConfig.DEFAULTS.maxHeaderCount());
        assertEquals(8192, SipCodecConfig.DEFAULTS.maxLineLength());
        assertEquals(65535, SipCodecConfig.DEFAULTS.maxBodySize());
    }

    @Test
    void rfc3261_7_3_1_foldedHeaderBecomesOneSpace() {
        SipMessage m = parse(INVITE.replace("Max-Forwards: 70", "Subject: I know\r\n   you're there,\r\n\tpick up")).message();
        assertEquals("I know you're there, pick up", m.header("Subject"));
    }

    @Test
    void limit_maxLineLength_coversFoldedContinuationLines() {
        String folded = INVITE.replace("Max-Forwards: 70", "Subject: " + "a".repeat(60) + "\r\n " + "b".repeat(60)
                + "\r\nMax-Forwards: 70");
        assertEquals(513, parse(new SipCodecConfig(65535, 256, 100, 65535), folded).failure().statusCode());
        assertTrue(parse(new SipCodecConfig(65535, 256, 200, 65535), folded).isSuccess());
    }

    @Test
    void invalidUtf8IsDecodedWithReplacementCharactersNotRejected() {
        byte[] b = INVITE.replace("Max-Forwards: 70", "Subject: caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        SipMessage m = new SipParser(SipCodecConfig.DEFAULTS).parse(b).message();
        assertEquals("caf\uFFFD", m.header("Subject"));
        byte[] utf8 = INVITE.replace("Max-Forwards: 70", "Subject: caf\u00e9").getBytes(StandardCharsets.UTF_8);
        assertEquals("caf\u00e9", new SipParser(SipCodecConfig.DEFAULTS).parse(utf8).message().header("Subject"));
    }

    @Test
    void rfc3261_7_3_3_compactFormsEqualLongNames() {
        String compact = INVITE.replace("Via:", "v:").replace("To:", "t:").replace("From:", "f:")
                .replace("Call-ID:", "i:").replace("Contact:", "m:").replace("Content-Type:", "c:")
                .replace("Content-Length:", "l:");
        SipMessage m = parse(compact).message();
        assertEquals("a84b4c76e66710@pc33.atlanta.example.com", m.header("Call-ID"));
        assertEquals(m.header("i"), m.header("call-id"));
        assertEquals("Via", m.headers().get(0).name(), "known names are stored canonically");
        assertTrue(new String(m.encode(), StandardCharsets.US_ASCII).contains("\r\nCall-ID: "));
    }

    @Test
    void responseWithMalformedViaIsDroppedNotAnswered() {
        String resp = "SIP/2.0 200 OK\r\nVia: garbage\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\n"
                + "Call-ID: x\r\nCSeq: 1 INVITE\r\n\r\n";
        ParseFailure f = parse(resp).failure();
        assertFalse(f.isRequest());
        assertTrue(f.errorResponse().isEmpty());
    }

    @Test
    void requestWithoutUsableViaGetsNoErrorResponse() {
        ParseFailure f = parse(INVITE.replace("Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds",
                "Via: nonsense")).failure();
        assertEquals(400, f.statusCode());
        assertTrue(f.reason().startsWith("Bad Via"), f.reason());
        assertTrue(f.errorResponse().isEmpty());
    }

    @Test
    void rfc3261_8_1_1_5_cseqMustBeBelow2pow31() {
        assertTrue(parse(INVITE.replace("CSeq: 314159", "CSeq: 2147483647")).isSuccess());
        assertEquals(400, parse(INVITE.replace("CSeq: 314159", "CSeq: 2147483648")).failure().statusCode());
    }

    @Test
    void rfc3261_20_22_maxForwardsAbove255IsRejected() {
        ParseFailure f = parse(INVITE.replace("Max-Forwards: 70", "Max-Forwards: 256")).failure();
        assertTrue(f.reason().contains("Max-Forwards"), f.reason());
    }

    @Test
    void contactWildcardMustStandAlone() {
        assertTrue(parse(INVITE.replace("<sip:alice@pc33.atlanta.example.com>", "*")).message().isContactWildcard());
        assertEquals(400, parse(INVITE.replace("<sip:alice@pc33.atlanta.example.com>", "*, <sip:a@b>")).failure().statusCode());
    }

    @Test
    void controlCharactersOutsideQuotedPairsAreRejected() {
        ParseFailure f = parse(INVITE.replace("Max-Forwards: 70", "Subject: a\u0001b")).failure();
        assertTrue(f.reason().contains("Control character"), f.reason());
    }

    @Test
    void parserIsReusableAcrossThreads() throws Exception {
        SipParser parser = new SipParser(SipCodecConfig.DEFAULTS);
        byte[] b = INVITE.getBytes(StandardCharsets.US_ASCII);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    for (int j = 0; j < 200; j++) {
                        if (!parser.parse(b, 0, b.length).isSuccess()) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (java.util.concurrent.Future<Boolean> r : results) {
                assertTrue(r.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
