package org.strowger.sip.message.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.strowger.sip.message.api.Torture.invalid;
import static org.strowger.sip.message.api.Torture.request;
import static org.strowger.sip.message.api.Torture.response;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 4475 "SIP Torture Test Messages", one test per message named after its section, plus
 * parameterized checks over the whole valid/ and invalid/ directories.
 */
class Rfc4475Test {
    private static final String V = "rfc4475/valid/";
    private static final String I = "rfc4475/invalid/";

    static List<String> validMessages() {
        return Torture.list("rfc4475/valid");
    }

    static List<String> invalidMessages() {
        return Torture.list("rfc4475/invalid");
    }

    @ParameterizedTest
    @MethodSource("validMessages")
    void everyValidMessageParsesAndRoundTrips(String resource) {
        Torture.assertRoundTrip(Torture.valid(resource));
    }

    @ParameterizedTest
    @MethodSource("invalidMessages")
    void everyInvalidMessageFailsWithAReasonAndNeverThrows(String resource) {
        ParseResult r = Torture.PARSER.parse(Torture.bytes(resource));
        assertFalse(r.isSuccess(), resource);
        assertFalse(r.failure().reason().isBlank());
        if (!r.failure().isRequest()) {
            assertTrue(r.failure().errorResponse().isEmpty(), "no answer to a response");
        }
    }

    @Test
    void rfc4475_files_areAllClassified() {
        assertEquals(28, validMessages().size());
        assertEquals(22, invalidMessages().size());
    }

    // ------------------------------------------------------------------ 3.1.1 valid messages

    @Test
    void rfc4475_3_1_1_1_wsinv_shortTortuousInvite() {
        SipRequest m = request(V + "wsinv.dat");
        assertEquals(SipMethod.INVITE, m.method());
        SipUri ruri = assertInstanceOf(SipUri.class, m.requestUri());
        assertEquals("vivekg", ruri.user());
        assertEquals("chair-dnrc.example.com", ruri.host());
        assertTrue(ruri.hasParam("unknownparam"));
        assertEquals("1918181833n", m.to().tag());
        assertEquals("J Rosenberg \\\"", m.from().displayName());
        assertEquals("98asjd8", m.from().tag());
        assertEquals(68, m.maxForwards());
        assertEquals("wsinv.ndaksdj@192.0.2.1", m.callId());
        assertEquals(new CSeq(9, SipMethod.INVITE), m.cseq());
        List<Via> vias = m.vias();
        assertEquals(3, vias.size());
        assertEquals("UDP", vias.get(0).transport());
        assertEquals("192.0.2.2", vias.get(0).host());
        assertEquals("390skdjuw", vias.get(0).branch());
        assertEquals("TCP", vias.get(1).transport());
        assertEquals("spindle.example.com", vias.get(1).host());
        assertEquals("z9hG4bK9ikj8", vias.get(1).branch());
        assertEquals("192.168.255.111", vias.get(2).host());
        assertEquals("z9hG4bK30239", vias.get(2).branch());
        assertEquals("", m.header("Subject"));
        assertEquals("newfangled value continued newfangled value", m.header("NewFangledHeader"));
        assertEquals(";;,,;;,;", m.headers().stream().filter(h -> h.name().equals("UnknownHeaderWithUnusualValue"))
                .findFirst().orElseThrow().value(), "unknown headers are preserved verbatim");
        SipUri route = (SipUri) m.routes().get(0).uri();
        assertTrue(route.isLooseRouting());
        assertEquals("value", route.param("unknownwith"));
        assertTrue(route.hasParam("unknown-no-value"));
        NameAddr contact = m.contacts().get(0);
        assertEquals("Quoted string \"\"", contact.displayName());
        assertEquals("newvalue", contact.param("newparam"));
        assertTrue(contact.hasParam("secondparam"));
        assertEquals(0.33f, contact.q());
        assertEquals("application/sdp", m.contentType().mimeType());
        assertEquals(150, m.contentLength());
    }

    @Test
    void rfc4475_3_1_1_2_intmeth_wideRangeOfValidCharacters() {
        SipRequest m = request(V + "intmeth.dat");
        String method = "!interesting-Method0123456789_*+`.%indeed'~";
        assertEquals(method, m.method().name());
        assertFalse(m.method().isKnown());
        assertEquals(method, m.cseq().method().name());
        SipUri ruri = (SipUri) m.requestUri();
        assertEquals("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", ruri.user());
        assertEquals("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", ruri.password());
        assertEquals("example.com", ruri.host());
        assertEquals("z9hG4bK-.!%66*_+`'~", m.topVia().branch());
        assertEquals("BEL:\u0007 NUL:\u0000 DEL:\u007f", m.to().displayName());
        assertEquals("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", ((SipUri) m.to().uri()).user());
        assertEquals("token1~` token2'+_ token3*%!.-", m.from().displayName());
        assertEquals("\"работающий\"", m.from().param("fromParam''~+*_!.-%"));
        assertEquals("_token~1'+`*%!-.", m.from().tag());
        assertEquals("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", m.callId());
        assertEquals(255, m.maxForwards());
        assertEquals("\uFEFF大停電", m.header("extensionHeader-!.%*+_`'~"));
    }

    @Test
    void rfc4475_3_1_1_3_esc01_validUseOfPercentEscaping() {
        SipRequest m = request(V + "esc01.dat");
        SipUri ruri = (SipUri) m.requestUri();
        assertEquals("sips:user@example.com", ruri.user());
        assertEquals("sips%3Auser%40example.com", ruri.rawUser());
        assertEquals("example.net", ruri.host());
        assertEquals("user", ((SipUri) m.to().uri()).user());
        assertEquals("I have spaces", ((SipUri) m.from().uri()).user());
        SipUri contact = (SipUri) m.contacts().get(0).uri();
        assertEquals("caller", contact.user());
        assertTrue(contact.hasParam("%6C%72"));
        assertEquals("v%61lue%25%34%31", contact.param("n%61me"));
        assertEquals("application/sdp", m.contentType().mimeType());
        assertEquals("esc01.239409asdfakjkn23onasd0-3234", m.callId());
    }

    @Test
    void rfc4475_3_1_1_4_escnull_escapedNullsInUris() {
        SipRequest m = request(V + "escnull.dat");
        assertEquals("null-\u0000-null", ((SipUri) m.to().uri()).user());
        assertEquals("null-\u0000-null", ((SipUri) m.from().uri()).user());
        assertEquals(2, m.contacts().size());
        assertEquals("\u0000", ((SipUri) m.contacts().get(0).uri()).user());
        assertEquals("\u0000\u0000", ((SipUri) m.contacts().get(1).uri()).user());
    }

    @Test
    void rfc4475_3_1_1_5_esc02_percentThatIsNotAnEscape() {
        SipRequest m = request(V + "esc02.dat");
        assertEquals("RE%47IST%45R", m.method().name());
        assertFalse(SipMethod.REGISTER.equals(m.method()), "methods are not unescaped");
        assertEquals("%Z%45", m.to().displayName());
        assertEquals("%Z%45", m.from().displayName());
        assertEquals("z9hG4bK209%fzsnel234", m.topVia().branch());
        assertEquals(2, m.contacts().size(), "C%6Fntact is a different header");
        assertEquals("<sip:alias2@host2.example.com>", m.header("C%6Fntact"));
    }

    @Test
    void rfc4475_3_1_1_6_lwsdisp_noLwsBetweenDisplayNameAndLaquot() {
        SipRequest m = request(V + "lwsdisp.dat");
        assertEquals("caller", m.from().displayName());
        assertEquals("323", m.from().tag());
        assertEquals("caller", ((SipUri) m.from().uri()).user());
    }

    @Test
    void rfc4475_3_1_1_7_longreq_longValuesInHeaderFields() {
        SipRequest m = request(V + "longreq.dat");
        assertTrue(m.to().displayName().startsWith("I have a user name of extreme"));
        assertTrue(m.to().displayName().endsWith("proportion"));
        SipUri to = (SipUri) m.to().uri();
        assertEquals(6000, to.port());
        assertEquals("shortvalue", to.param("longparamnamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamename"));
        assertTrue(m.from().tag().startsWith("12982982982982"));
        assertTrue(m.callId().startsWith("longreq.onereallyreally") && m.callId().length() > 100);
        assertEquals(34, m.vias().size());
        assertEquals("sip33.example.com", m.topVia().host());
        Via last = m.vias().get(33);
        assertEquals("host.example.com", last.host());
        assertEquals("192.0.2.5", last.received());
        assertTrue(last.branch().startsWith("verylonglong"));
        assertTrue(m.headers().stream().anyMatch(h -> h.name().startsWith("Unknown-LongLongLong")));
        assertEquals(150, m.contentLength());
    }

    @Test
    void rfc4475_3_1_1_8_dblreq_extraTrailingOctetsInDatagramAreIgnored() {
        SipRequest m = request(V + "dblreq.dat");
        assertEquals(SipMethod.REGISTER, m.method());
        assertEquals("dblreq.0ha0isndaksdj99sdfafnl3lk233412", m.callId());
        assertEquals(0, m.contentLength());
        assertEquals("j.user", ((SipUri) m.contacts().get(0).uri()).user());
    }

    @Test
    void rfc4475_3_1_1_9_semiuri_semicolonSeparatedParametersInUserPart() {
        SipRequest m = request(V + "semiuri.dat");
        SipUri ruri = (SipUri) m.requestUri();
        assertEquals("user;par=u%40example.net", ruri.rawUser());
        assertEquals("user;par=u@example.net", ruri.user());
        assertEquals("example.com", ruri.host());
        assertTrue(ruri.params().isEmpty());
        assertEquals(6, m.accept().size());
        assertEquals("message/sipfrag", m.accept().get(5).mimeType());
    }

    @Test
    void rfc4475_3_1_1_10_transports_variedAndUnknownTransportTypes() {
        SipRequest m = request(V + "transports.dat");
        assertEquals(List.of("UDP", "SCTP", "TLS", "UNKNOWN", "TCP"), m.vias().stream().map(Via::transport).toList());
        assertEquals("transports.kijh4akdnaqjkwendsasfdj", m.callId());
    }

    @Test
    void rfc4475_3_1_1_11_mpart01_multipartMimeMessage() {
        SipRequest m = request(V + "mpart01.dat");
        assertEquals(SipMethod.MESSAGE, m.method());
        assertEquals("multipart/mixed", m.contentType().mimeType());
        assertEquals("7a9cbec02ceef655", m.contentType().param("boundary"));
        assertEquals(Integer.parseInt(m.headerValues("Content-Length").get(0)), m.contentLength());
        String body = new String(m.body(), StandardCharsets.ISO_8859_1);
        assertTrue(body.startsWith("--7a9cbec02ceef655"));
        assertTrue(body.trim().endsWith("--7a9cbec02ceef655--"));
        assertTrue(m.topVia().hasRport());
        assertNull(m.topVia().rport());
        List<BodyPart> parts = MultipartBody.parse(m.contentType(), m.body());
        assertEquals(2, parts.size());
        assertEquals("text/plain", parts.get(0).contentType().mimeType());
        assertEquals("Hello", new String(parts.get(0).content(), StandardCharsets.US_ASCII));
        assertEquals("application/octet-stream", parts.get(1).contentType().mimeType());
        assertEquals("binary", parts.get(1).header("content-transfer-encoding"));
        assertTrue(parts.get(1).content().length > 300, "the binary signature part");
    }

    @Test
    void rfc4475_3_1_1_12_unreason_unusualReasonPhrase() {
        SipResponse m = response(V + "unreason.dat");
        assertEquals(200, m.statusCode());
        assertEquals("= 2**3 * 5**2 но сто девяносто девять - простое", m.reasonPhrase());
        assertEquals(154, m.contentLength());
    }

    @Test
    void rfc4475_3_1_1_13_noreason_emptyReasonPhrase() {
        SipResponse m = response(V + "noreason.dat");
        assertEquals(100, m.statusCode());
        assertEquals("", m.reasonPhrase());
        assertEquals("902jndnke3", m.to().tag());
    }

    // ------------------------------------------------------------------ 3.1.2 invalid messages

    @Test
    void rfc4475_3_1_2_1_badinv01_extraneousHeaderFieldSeparators_isRejectedWith400() {
        ParseFailure f = invalid(I + "badinv01.dat", 400, "Via");
        assertTrue(f.isRequest());
        SipResponse answer = f.errorResponse().orElseThrow();
        assertEquals(400, answer.statusCode());
        assertEquals("192.0.2.15", answer.topVia().host(), "a leniently parsed Via still routes the 400");
        assertEquals("badinv01.0ha0isndaksdjasdf3234nas", answer.callId());
        assertEquals(new CSeq(8, SipMethod.INVITE), answer.cseq());
    }

    @Test
    void rfc4475_3_1_2_2_clerr_contentLengthLargerThanMessage_isRejectedWith400() {
        ParseFailure f = invalid(I + "clerr.dat", 400, "Content-Length");
        assertTrue(f.errorResponse().isPresent());
    }

    @Test
    void rfc4475_3_1_2_3_ncl_negativeContentLength_isRejectedWith400() {
        invalid(I + "ncl.dat", 400, "Content-Length");
    }

    @Test
    void rfc4475_3_1_2_4_scalar02_requestScalarFieldsWithOverlargeValues_isRejectedWith400() {
        ParseFailure f = invalid(I + "scalar02.dat", 400, "CSeq");
        assertEquals("scalar02.23o0pd9vanlq3wnrlnewofjas9ui32", f.errorResponse().orElseThrow().callId());
    }

    @Test
    void rfc4475_3_1_2_5_scalarlg_responseScalarFieldsWithOverlargeValues_isDropped() {
        ParseFailure f = invalid(I + "scalarlg.dat", 400, "CSeq");
        assertFalse(f.isRequest());
        assertTrue(f.errorResponse().isEmpty());
    }

    @Test
    void rfc4475_3_1_2_6_quotbal_unterminatedQuotedString_isRejectedWith400() {
        invalid(I + "quotbal.dat", 400, "unterminated quoted string");
    }

    @Test
    void rfc4475_3_1_2_7_ltgtruri_ltGtAroundRequestUri_isRejectedWith400() {
        invalid(I + "ltgtruri.dat", 400, "Request-URI");
    }

    @Test
    void rfc4475_3_1_2_8_lwsruri_embeddedLwsInRequestUri_isRejectedWith400() {
        invalid(I + "lwsruri.dat", 400, "whitespace inside the Request-URI");
    }

    @Test
    void rfc4475_3_1_2_9_lwsstart_multipleSpInRequestLine_isRejectedWith400() {
        ParseFailure f = invalid(I + "lwsstart.dat", 400, "more than one SP");
        assertTrue(f.errorResponse().isPresent(), "headers are still collected for the answer");
    }

    @Test
    void rfc4475_3_1_2_10_trws_spAtEndOfRequestLine_isRejectedWith400() {
        invalid(I + "trws.dat", 400, "after the SIP-Version");
    }

    @Test
    void rfc4475_3_1_2_11_escruri_escapedHeadersInRequestUri_isRejectedWith400() {
        invalid(I + "escruri.dat", 400, "headers are not allowed");
    }

    @Test
    void rfc4475_3_1_2_12_baddate_invalidTimeZone_isLeftToTheApplication() {
        // RFC 4475 §3.1.2.12: rejecting is acceptable only if the Date matters; the parser keeps it raw.
        SipRequest m = request(V + "baddate.dat");
        assertEquals(List.of("Fri, 01 Jan 2010 16:00:00 EST"), m.headerValues("Date"));
    }

    @Test
    void rfc4475_3_1_2_13_regbadct_nameAddrUriNotInLtGt_isRejectedWith400() {
        invalid(I + "regbadct.dat", 400, "Contact");
    }

    @Test
    void rfc4475_3_1_2_14_badaspec_spacesWithinAddrSpec_isRejectedWith400() {
        invalid(I + "badaspec.dat", 400, "To");
    }

    @Test
    void rfc4475_3_1_2_15_baddn_nonTokenCharactersInDisplayName_isRejectedWith400() {
        invalid(I + "baddn.dat", 400, "display name");
    }

    @Test
    void rfc4475_3_1_2_16_badvers_unknownProtocolVersion_isRejectedWith505() {
        ParseFailure f = invalid(I + "badvers.dat", 505, "SIP/7.0");
        assertTrue(f.isRequest());
    }

    @Test
    void rfc4475_3_1_2_17_mismatch01_startLineAndCSeqMethodMismatch_isRejectedWith400() {
        invalid(I + "mismatch01.dat", 400, "Bad CSeq: method INVITE does not match");
    }

    @Test
    void rfc4475_3_1_2_18_mismatch02_unknownMethodWithCSeqMismatch_isRejectedWith501() {
        invalid(I + "mismatch02.dat", 501, "NEWMETHOD");
    }

    @Test
    void rfc4475_3_1_2_19_bigcode_overlargeResponseCode_isDropped() {
        ParseFailure f = invalid(I + "bigcode.dat", 400, "Status-Code");
        assertFalse(f.isRequest());
        assertTrue(f.errorResponse().isEmpty());
    }

    // ------------------------------------------------------------------ 3.2 transaction layer

    @Test
    void rfc4475_3_2_1_badbranch_missingTransactionIdentifier_isProcessedAsRfc2543() {
        SipRequest m = request(V + "badbranch.dat");
        assertEquals("z9hG4bK", m.topVia().branch());
        assertTrue(m.topVia().hasMagicCookie());
    }

    // ------------------------------------------------------------------ 3.3 application layer

    @Test
    void rfc4475_3_3_1_insuf_missingRequiredHeaderFields_isRejectedWith400() {
        ParseFailure f = invalid(I + "insuf.dat", 400, "Missing");
        assertTrue(f.errorResponse().isPresent());
    }

    @Test
    void rfc4475_3_3_2_unkscm_unknownRequestUriScheme_parsesForA416() {
        SipRequest m = request(V + "unkscm.dat");
        AbsoluteUri uri = assertInstanceOf(AbsoluteUri.class, m.requestUri());
        assertEquals("nobodyknowsthisscheme", uri.scheme());
        assertEquals("totallyopaquecontent", uri.schemeSpecificPart());
    }

    @Test
    void rfc4475_3_3_3_novelsc_knownButAtypicalScheme_parsesForA416() {
        SipRequest m = request(V + "novelsc.dat");
        AbsoluteUri uri = assertInstanceOf(AbsoluteUri.class, m.requestUri());
        assertEquals("soap.beep", uri.scheme());
        assertEquals("//192.0.2.103:3002", uri.schemeSpecificPart());
    }

    @Test
    void rfc4475_3_3_4_unksm2_unknownUriSchemesInHeaderFields_areAccepted() {
        SipRequest m = request(V + "unksm2.dat");
        assertEquals("isbn:2983792873", m.to().uri().toString());
        assertEquals("http", m.from().uri().scheme());
        assertEquals("3234233", m.from().tag());
        assertEquals("name:John_Smith", m.contacts().get(0).uri().toString());
    }

    @Test
    void rfc4475_3_3_5_bext01_unknownRequireAndProxyRequire_parseForA420() {
        SipRequest m = request(V + "bext01.dat");
        assertEquals(List.of("nothingSupportsThis", "nothingSupportsThisEither"), m.require());
        assertEquals(List.of("noProxiesSupportThis", "norDoAnyProxiesSupportThis"), m.proxyRequire());
        assertEquals("TLS", m.topVia().transport());
    }

    @Test
    void rfc4475_3_3_6_invut_unknownContentType_parsesForA415() {
        SipRequest m = request(V + "invut.dat");
        assertEquals("application/unknownformat", m.contentType().mimeType());
        assertEquals(40, m.contentLength());
    }

    @Test
    void rfc4475_3_3_7_regaut01_unknownAuthorizationScheme_parses() {
        SipRequest m = request(V + "regaut01.dat");
        AuthHeader auth = m.authorization().get(0);
        assertEquals("NoOneKnowsThisScheme", auth.scheme());
        assertFalse(auth.isDigest());
        assertEquals("here", auth.param("opaque-data"));
    }

    @Test
    void rfc4475_3_3_8_multi01_multipleValuesInSingleValueFields_isRejectedWith400() {
        invalid(I + "multi01.dat", 400, "Multiple");
    }

    @Test
    void rfc4475_3_3_9_mcl01_multipleContentLengths_isRejectedWith400() {
        invalid(I + "mcl01.dat", 400, "Multiple Content-Length");
    }

    @Test
    void rfc4475_3_3_10_bcast_responseWithBroadcastVia_parses() {
        SipResponse m = response(V + "bcast.dat");
        assertEquals(200, m.statusCode());
        assertEquals("255.255.255.255", m.vias().get(1).host());
    }

    @Test
    void rfc4475_3_3_11_zeromf_maxForwardsZero_parsesForA483() {
        SipRequest m = request(V + "zeromf.dat");
        assertEquals(0, m.maxForwards());
        assertEquals(SipMethod.OPTIONS, m.method());
    }

    @Test
    void rfc4475_3_3_12_cparam01_contactParametersInAddrSpec_belongToTheHeader() {
        SipRequest m = request(V + "cparam01.dat");
        NameAddr contact = m.contacts().get(0);
        assertTrue(contact.hasParam("unknownparam"));
        assertTrue(((SipUri) contact.uri()).params().isEmpty());
        assertEquals("+19725552222", ((SipUri) contact.uri()).user());
    }

    @Test
    void rfc4475_3_3_13_cparam02_contactParametersInNameAddr_belongToTheUri() {
        SipRequest m = request(V + "cparam02.dat");
        NameAddr contact = m.contacts().get(0);
        assertTrue(contact.params().isEmpty());
        assertTrue(((SipUri) contact.uri()).hasParam("unknownparam"));
    }

    @Test
    void rfc4475_3_3_14_regescrt_escapedHeadersInContactUri_areAccepted() {
        SipRequest m = request(V + "regescrt.dat");
        SipUri contact = (SipUri) m.contacts().get(0).uri();
        assertEquals("%3Csip:sip.example.com%3E", contact.headers().get("Route"));
    }

    @Test
    void rfc4475_3_3_15_sdp01_unacceptableAccept_parsesForA406() {
        SipRequest m = request(V + "sdp01.dat");
        assertEquals("text/nobodyknowsthis", m.accept().get(0).mimeType());
        assertEquals("application/sdp", m.contentType().mimeType());
    }

    // ------------------------------------------------------------------ 3.4 backward compatibility

    @Test
    void rfc4475_3_4_1_inv2543_rfc2543SyntaxIsAccepted() {
        SipRequest m = request(V + "inv2543.dat");
        assertNull(m.topVia().branch());
        assertFalse(m.topVia().hasMagicCookie());
        assertNull(m.from().tag());
        assertNull(m.maxForwards());
        assertEquals("phone", m.to().param("user"), "addr-spec form: ;user=phone is a header parameter");
        assertNull(((SipUri) m.to().uri()).userParam());
        assertEquals("phone", ((SipUri) m.from().uri()).userParam(), "name-addr form: it belongs to the URI");
        assertTrue(m.contentLength() > 0, "no Content-Length on a datagram: the body is the rest");
        assertEquals("ss1.example.com", ((SipUri) m.recordRoutes().get(0).uri()).maddrParam());
    }

    @Test
    void rfc4475_testDat_requestLineWithoutVersion_isRejectedWith400() {
        invalid(I + "test.dat", 400, "SIP-Version");
    }
}
