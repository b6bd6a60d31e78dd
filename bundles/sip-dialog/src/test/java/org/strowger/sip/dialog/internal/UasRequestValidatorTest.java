package org.strowger.sip.dialog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.strowger.platform.testkit.ManualClock;
import org.strowger.sip.message.api.MediaType;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;

/** RFC 3261 §8.2 request checks of the UAS core, one test per refusal. */
class UasRequestValidatorTest {
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n";

    private final ManualClock clock = new ManualClock();
    private final UasChecks checks = new UasChecks(
            Set.of(SipMethod.INVITE, SipMethod.ACK, SipMethod.CANCEL, SipMethod.BYE, SipMethod.OPTIONS,
                    SipMethod.PRACK, SipMethod.UPDATE, SipMethod.INFO),
            Set.of("100rel", "timer"), List.of(MediaType.parse("application/sdp"), MediaType.parse("text/*")), 100);
    private final UasRequestValidator validator =
            new UasRequestValidator(checks, new MergedRequestDetector(clock, Duration.ofSeconds(32), 1000));

    private static SipRequest request(String method, String extraHeaders) {
        return UasTestMessages.request(method, "sip:bob@biloxi.example.com", "z9hG4bK" + method.toLowerCase(), 1,
                extraHeaders, "");
    }

    private SipResponse refused(SipRequest request) {
        Optional<SipResponse> r = validator.check(request);
        assertTrue(r.isPresent(), () -> "expected a refusal of\n" + request);
        return r.get();
    }

    @Test
    void rfc3261_8_2_aWellFormedInviteWithAnAcceptedBodyPasses() {
        SipRequest invite = UasTestMessages.request("INVITE", "sip:bob@biloxi.example.com", "z9hG4bK1", 1,
                "Content-Type: application/sdp\r\nRequire: 100rel\r\nSupported: timer\r\nSession-Expires: 1800\r\n", SDP);
        assertEquals(Optional.empty(), validator.check(invite));
    }

    @Test
    void rfc3261_8_2_1_unknownMethodGets501WithAllow() {
        SipResponse r = refused(request("FOO", ""));
        assertEquals(501, r.statusCode());
        assertEquals("Not Implemented: FOO", r.reasonPhrase());
        assertEquals("INVITE, ACK, CANCEL, BYE, OPTIONS, PRACK, UPDATE, INFO", String.join(", ", r.headerValues("Allow")));
    }

    @Test
    void rfc3261_8_2_1_knownMethodsAUserAgentDoesNotImplementGet501() {
        assertEquals(501, refused(request("REGISTER", "")).statusCode());
        assertEquals(501, refused(request("PUBLISH", "")).statusCode());
    }

    @Test
    void rfc3261_8_2_1_implementedMethodNotAllowedGets405WithAllow() {
        SipResponse r = refused(request("REFER", "Refer-To: <sip:carol@example.com>\r\n"));
        assertEquals(405, r.statusCode());
        assertEquals("Method Not Allowed: REFER", r.reasonPhrase());
        assertEquals("INVITE, ACK, CANCEL, BYE, OPTIONS, PRACK, UPDATE, INFO", String.join(", ", r.headerValues("Allow")));
    }

    @Test
    void rfc3261_8_2_2_1_requestUriSchemeOtherThanSipSipsTelGets416() {
        SipResponse r = refused(UasTestMessages.request("INVITE", "mailto:bob@biloxi.example.com", "z9hG4bK1", 1, "", ""));
        assertEquals(416, r.statusCode());
        assertEquals("Unsupported URI Scheme: mailto", r.reasonPhrase());
        assertEquals(Optional.empty(), validator.check(
                UasTestMessages.request("INVITE", "tel:+15551234567", "z9hG4bK2", 2, "", "")));
        assertEquals(Optional.empty(), validator.check(
                UasTestMessages.request("INVITE", "sips:bob@biloxi.example.com", "z9hG4bK3", 3, "", "")));
    }

    @Test
    void rfc3261_8_2_2_2_mergedRequestGets482() {
        assertEquals(Optional.empty(), validator.check(
                UasTestMessages.request("INVITE", "sip:bob@biloxi.example.com", "z9hG4bKpath1", 7, "", "")));
        SipResponse r = refused(UasTestMessages.request("INVITE", "sip:bob@biloxi.example.com", "z9hG4bKpath2", 7, "", ""));
        assertEquals(482, r.statusCode());
        assertEquals("Loop Detected: Merged Request", r.reasonPhrase());
    }

    @Test
    void rfc3261_8_2_2_2_retransmissionWithTheSameBranchIsNotMerged() {
        assertEquals(Optional.empty(), validator.check(
                UasTestMessages.request("INVITE", "sip:bob@biloxi.example.com", "z9hG4bKsame", 7, "", "")));
        assertEquals(Optional.empty(), validator.check(
                UasTestMessages.request("INVITE", "sip:bob@biloxi.example.com", "z9hG4bKsame", 7, "", "")));
    }

    @Test
    void rfc3261_8_2_2_2_requestWithToTagIsNeverMerged() {
        SipRequest first = UasTestMessages.request("BYE", "sip:bob@biloxi.example.com", "z9hG4bKb1", 9, "", "");
        first.setHeader("To", "Bob <sip:bob@biloxi.example.com>;tag=xyz");
        SipRequest second = UasTestMessages.request("BYE", "sip:bob@biloxi.example.com", "z9hG4bKb2", 9, "", "");
        second.setHeader("To", "Bob <sip:bob@biloxi.example.com>;tag=xyz");
        assertEquals(Optional.empty(), validator.check(first));
        assertEquals(Optional.empty(), validator.check(second));
    }

    @Test
    void rfc3261_16_3_maxForwardsZeroGets483() {
        SipRequest invite = request("INVITE", "");
        invite.setHeader("Max-Forwards", "0");
        SipResponse r = refused(invite);
        assertEquals(483, r.statusCode());
        assertEquals("Too Many Hops", r.reasonPhrase());
    }

    @Test
    void rfc3261_11_optionsWithMaxForwardsZeroIsAnswered() {
        SipRequest options = request("OPTIONS", "");
        options.setHeader("Max-Forwards", "0");
        assertEquals(Optional.empty(), validator.check(options));
    }

    @Test
    void rfc3261_8_2_2_3_unsupportedRequireGets420ListingEachUnknownTag() {
        SipResponse r = refused(request("INVITE", "Require: 100rel, foo\r\nRequire: bar, foo\r\n"));
        assertEquals(420, r.statusCode());
        assertEquals("Bad Extension: foo, bar", r.reasonPhrase());
        assertEquals(List.of("foo", "bar"), r.unsupported());
    }

    @Test
    void rfc3261_8_2_2_3_requireIsComparedCaseInsensitivelyAndIgnoredInCancel() {
        assertEquals(Optional.empty(), validator.check(request("INVITE", "Require: 100REL, Timer\r\n")));
        assertEquals(Optional.empty(), validator.check(request("CANCEL", "Require: foo\r\n")));
    }

    @Test
    void rfc3261_8_2_3_bodyLargerThanTheLimitGets413() {
        String big = "v=0\r\n" + "a=x\r\n".repeat(30);
        SipResponse r = refused(UasTestMessages.request("INVITE", "sip:bob@biloxi.example.com", "z9hG4bK1", 1,
                "Content-Type: application/sdp\r\n", big));
        assertEquals(413, r.statusCode());
    }

    @Test
    void rfc3261_8_2_3_contentTypeNotAcceptedGets415WithAccept() {
        SipResponse r = refused(UasTestMessages.request("INFO", "sip:bob@biloxi.example.com", "z9hG4bK1", 1,
                "Content-Type: application/xml\r\n", "<a/>"));
        assertEquals(415, r.statusCode());
        assertEquals("Unsupported Media Type: application/xml", r.reasonPhrase());
        assertEquals("application/sdp, text/*", String.join(", ", r.headerValues("Accept")));
        assertEquals(Optional.empty(), validator.check(UasTestMessages.request("INFO", "sip:bob@biloxi.example.com",
                "z9hG4bK2", 2, "Content-Type: text/plain;charset=utf-8\r\n", "hello")));
    }

    @Test
    void rfc3261_8_2_3_contentEncodingOtherThanIdentityGets415WithAcceptEncoding() {
        SipResponse r = refused(UasTestMessages.request("INFO", "sip:bob@biloxi.example.com", "z9hG4bK1", 1,
                "Content-Type: text/plain\r\nContent-Encoding: gzip\r\n", "hello"));
        assertEquals(415, r.statusCode());
        assertEquals("identity", r.header("Accept-Encoding"));
        assertEquals(Optional.empty(), validator.check(UasTestMessages.request("INFO", "sip:bob@biloxi.example.com",
                "z9hG4bK2", 2, "Content-Type: text/plain\r\ne: identity\r\n", "hello")));
    }

    @Test
    void rfc3261_8_2_3_bodyWithoutContentTypeGets400() {
        SipResponse r = refused(UasTestMessages.request("INFO", "sip:bob@biloxi.example.com", "z9hG4bK1", 1, "", "hello"));
        assertEquals(400, r.statusCode());
        assertEquals("Missing Header: Content-Type", r.reasonPhrase());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "Session-Expires | abc",
        "Session-Expires | 1800;refresher=both",
        "Min-SE          | -5",
        "Supported       | 100rel, ti mer",
        "Require         | a/b",
        "Content-Type    | sdp",
        "RAck            | 1 two INVITE",
        "Expires         | soon",
        "Event           | ;id=1",
        "Refer-To        | <sip:carol@example.com",
        "Replaces        | abc@host;to-tag=1",
        "Record-Route    | <sip:p1.example.com;lr"})
    void rfc3261_8_2_malformedHeaderGets400NamingIt(String header, String value) {
        SipResponse r = refused(request("INVITE", header + ": " + value + "\r\n"));
        assertEquals(400, r.statusCode());
        assertEquals("Bad Header: " + header, r.reasonPhrase());
        String warning = r.header("Warning");
        assertNotNull(warning);
        assertTrue(warning.startsWith("399 strowger \"Bad " + header), warning);
    }

    @Test
    void rfc3262_7_2_prackWithoutRAckGets400() {
        SipResponse r = refused(request("PRACK", ""));
        assertEquals(400, r.statusCode());
        assertEquals("Missing Header: RAck", r.reasonPhrase());
        assertEquals(Optional.empty(), validator.check(request("PRACK", "RAck: 776656 1 INVITE\r\n")));
    }

    @Test
    void rfc3261_8_1_1_8_inviteWithoutExactlyOneSipContactGets400() {
        SipRequest none = request("INVITE", "");
        none.removeHeader("Contact");
        assertEquals("Missing Header: Contact", refused(none).reasonPhrase());

        SipRequest two = request("INVITE", "");
        two.addHeader("Contact", "<sip:alice@192.0.2.9>");
        assertEquals("Bad Header: Contact", refused(two).reasonPhrase());

        SipRequest tel = request("INVITE", "");
        tel.setHeader("Contact", "<tel:+15551234567>");
        assertEquals("Bad Header: Contact", refused(tel).reasonPhrase());

        SipRequest bye = request("BYE", "");
        bye.removeHeader("Contact");
        assertEquals(Optional.empty(), validator.check(bye));
    }

    @Test
    void rfc3261_10_2_2_wildcardContactOutsideRegisterGets400() {
        SipRequest options = request("OPTIONS", "");
        options.setHeader("Contact", "*");
        SipResponse r = refused(options);
        assertEquals(400, r.statusCode());
        assertEquals("Bad Header: Contact", r.reasonPhrase());
    }

    @Test
    void rfc3261_17_2_1_ackIsNeverAnswered() {
        SipRequest ack = request("ACK", "Require: foo\r\nSession-Expires: junk\r\n");
        ack.setHeader("Max-Forwards", "0");
        assertEquals(Optional.empty(), validator.check(ack));
    }

    @Test
    void rfc3261_8_2_6_2_toTagIsAddedWhenAbsentAndKeptWhenPresent() {
        SipResponse outOfDialog = refused(request("FOO", ""));
        assertNotNull(outOfDialog.to().tag());
        assertEquals(refused(request("FOO", "")).to().tag(), outOfDialog.to().tag(),
                "the same request gets the same stateless tag");

        SipRequest inDialog = request("FOO", "");
        inDialog.setHeader("To", "Bob <sip:bob@biloxi.example.com>;tag=xyz");
        assertEquals("xyz", refused(inDialog).to().tag());
    }

    @Test
    void rfc3261_8_2_6_refusalCopiesTheTransactionHeaders() {
        SipRequest invite = request("INVITE", "Require: foo\r\n");
        SipResponse r = refused(invite);
        assertEquals(invite.header("Via"), r.header("Via"));
        assertEquals(invite.callId(), r.callId());
        assertEquals(invite.cseq(), r.cseq());
        assertEquals(invite.from(), r.from());
    }

    @Test
    void rfc3261_8_2_checksRunInTheOrderOfSection8_2() {
        // unknown method before the URI scheme
        assertEquals(501, refused(UasTestMessages.request("FOO", "mailto:x@y", "z9hG4bK1", 1, "", "")).statusCode());
        // URI scheme before Require
        assertEquals(416, refused(UasTestMessages.request("INVITE", "mailto:x@y", "z9hG4bK2", 1, "Require: foo\r\n", ""))
                .statusCode());
        // Max-Forwards before Require
        SipRequest hops = request("INVITE", "Require: foo\r\n");
        hops.setHeader("Max-Forwards", "0");
        assertEquals(483, refused(hops).statusCode());
        // Require before the body
        assertEquals(420, refused(UasTestMessages.request("INFO", "sip:bob@biloxi.example.com", "z9hG4bK3", 3,
                "Require: foo\r\nContent-Type: application/xml\r\n", "<a/>")).statusCode());
        // the body before other malformed headers
        assertEquals(415, refused(UasTestMessages.request("INFO", "sip:bob@biloxi.example.com", "z9hG4bK4", 4,
                "Session-Expires: x\r\nContent-Type: application/xml\r\n", "<a/>")).statusCode());
    }

    @Test
    void uasChecksAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new UasChecks(Set.of(), Set.of(), List.of(), 10));
        assertThrows(IllegalArgumentException.class,
                () -> new UasChecks(Set.of(SipMethod.INVITE), Set.of(), List.of(), 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UasChecks(Set.of(SipMethod.REGISTER), Set.of(), List.of(), 10));
        assertTrue(e.getMessage().contains("REGISTER"), e.getMessage());
        assertFalse(new UasChecks(Set.of(SipMethod.INVITE), Set.of("100rel"), List.of(), 10).supports("timer"));
    }
}
