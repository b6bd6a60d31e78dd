package org.strowger.sip.dialog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.strowger.sip.dialog.api.CallOptions;
import org.strowger.sip.dialog.api.CallOptions.Use;
import org.strowger.sip.message.api.SipHeader;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;

/** RFC 4028 negotiation: §9 (UAS, every row of Table 2), §7.1–§7.4 (UAC). */
class SessionTimerPolicyTest {
    private static final SessionTimerPolicy SUPPORTED = SessionTimerPolicy.DEFAULTS;
    private static final SessionTimerPolicy STRICT =
            new SessionTimerPolicy(Use.SUPPORTED, Duration.ofSeconds(1800), Duration.ofSeconds(300));

    private static SessionTimerDecision.Active active(SessionTimerDecision d) {
        return assertInstanceOf(SessionTimerDecision.Active.class, d);
    }

    private static SipHeader se(String value) {
        return new SipHeader("Session-Expires", value);
    }

    private static final SipHeader REQUIRE_TIMER = new SipHeader("Require", "timer");

    // ------------------------------------------------------------------------------ §9, UAS

    @Test
    void rfc4028_9_sessionExpiresBelowMinSeFromATimerAwareUacGets422WithMinSe() {
        SessionTimerDecision d = STRICT.negotiateAsUas(UasTestMessages.invite("Supported: timer\r\nSession-Expires: 120\r\n"), true);
        SessionTimerDecision.Rejected r = assertInstanceOf(SessionTimerDecision.Rejected.class, d);
        assertEquals(Duration.ofSeconds(300), r.minSE());
        assertEquals(List.of(new SipHeader("Min-SE", "300")), r.responseHeaders());
    }

    @Test
    void rfc4028_4_sessionExpiresBelow90SecondsGets422EvenFromAUacWithoutTimerSupport() {
        assertInstanceOf(SessionTimerDecision.Rejected.class,
                SUPPORTED.negotiateAsUas(UasTestMessages.invite("Session-Expires: 60\r\n"), true));
    }

    @Test
    void rfc4028_9_aUacWithoutTimerSupportIsNotSent422AndThisSideRefreshes() {
        // a proxy inserted Session-Expires: 120; the UAC could not act on a 422
        SessionTimerDecision.Active a = active(STRICT.negotiateAsUas(UasTestMessages.invite("Session-Expires: 120\r\n"), false));
        assertEquals(Duration.ofSeconds(120), a.interval());
        assertTrue(a.localRefresher());
        assertEquals(List.of(se("120;refresher=uas")), a.responseHeaders());
    }

    @Test
    void rfc4028_9_table2_uacWithoutSupportAndNoRefresherGivesUas() {
        SessionTimerDecision.Active a = active(SUPPORTED.negotiateAsUas(UasTestMessages.invite("Session-Expires: 1800\r\n"), false));
        assertEquals(Duration.ofSeconds(1800), a.interval());
        assertTrue(a.localRefresher());
        assertEquals(List.of(se("1800;refresher=uas")), a.responseHeaders(), "no Require: the UAC does not know timer");
    }

    @Test
    void rfc4028_9_table2_timerAwareUacWithoutRefresherGivesUasOrUacAsPreferred() {
        SipRequest request = UasTestMessages.invite("Supported: timer\r\nSession-Expires: 1800\r\n");
        SessionTimerDecision.Active uac = active(SUPPORTED.negotiateAsUas(request, false));
        assertFalse(uac.localRefresher());
        assertEquals(List.of(se("1800;refresher=uac"), REQUIRE_TIMER), uac.responseHeaders());
        SessionTimerDecision.Active uas = active(SUPPORTED.negotiateAsUas(request, true));
        assertTrue(uas.localRefresher());
        assertEquals(List.of(se("1800;refresher=uas"), REQUIRE_TIMER), uas.responseHeaders(),
                "Require: timer SHOULD be there when the UAC supports timer");
    }

    @Test
    void rfc4028_9_table2_refresherUacInTheRequestIsKept() {
        SessionTimerDecision.Active a = active(SUPPORTED.negotiateAsUas(
                UasTestMessages.invite("Supported: timer\r\nSession-Expires: 1800;refresher=uac\r\n"), true));
        assertFalse(a.localRefresher());
        assertEquals(List.of(se("1800;refresher=uac"), REQUIRE_TIMER), a.responseHeaders());
    }

    @Test
    void rfc4028_9_table2_refresherUasInTheRequestIsKept() {
        SessionTimerDecision.Active a = active(SUPPORTED.negotiateAsUas(
                UasTestMessages.invite("Supported: timer\r\nSession-Expires: 1800;refresher=uas\r\n"), false));
        assertTrue(a.localRefresher());
        assertEquals(List.of(se("1800;refresher=uas"), REQUIRE_TIMER), a.responseHeaders());
    }

    @Test
    void rfc4028_9_requireTimerWithoutSupportedCountsAsSupport() {
        SessionTimerDecision.Active a = active(SUPPORTED.negotiateAsUas(
                UasTestMessages.invite("Require: timer\r\nSession-Expires: 1800\r\n"), false));
        assertFalse(a.localRefresher());
        assertEquals(List.of(se("1800;refresher=uac"), REQUIRE_TIMER), a.responseHeaders());
    }

    @Test
    void rfc4028_9_theIntervalMayBeReducedToOursButNotBelowTheRequestsMinSe() {
        assertEquals(Duration.ofSeconds(1800), active(SUPPORTED.negotiateAsUas(
                UasTestMessages.invite("Supported: timer\r\nSession-Expires: 3600\r\n"), true)).interval());
        assertEquals(Duration.ofSeconds(2400), active(SUPPORTED.negotiateAsUas(
                UasTestMessages.invite("Supported: timer\r\nSession-Expires: 3600\r\nMin-SE: 2400\r\n"), true)).interval());
    }

    @Test
    void rfc4028_9_theIntervalIsNeverIncreased() {
        SessionTimerDecision.Active a = active(SUPPORTED.negotiateAsUas(
                UasTestMessages.invite("Supported: timer\r\nSession-Expires: 600\r\n"), true));
        assertEquals(Duration.ofSeconds(600), a.interval());
        assertEquals(se("600;refresher=uas"), a.responseHeaders().get(0));
    }

    @Test
    void rfc4028_9_aTimerAwareUacWithoutSessionExpiresGetsOursRaisedToItsMinSe() {
        SessionTimerDecision.Active a = active(SUPPORTED.negotiateAsUas(UasTestMessages.invite("Supported: timer\r\n"), false));
        assertEquals(Duration.ofSeconds(1800), a.interval());
        assertEquals(List.of(se("1800;refresher=uac"), REQUIRE_TIMER), a.responseHeaders());
        assertEquals(Duration.ofSeconds(2000), active(SUPPORTED.negotiateAsUas(
                UasTestMessages.invite("Supported: timer\r\nMin-SE: 2000\r\n"), true)).interval());
    }

    @Test
    void rfc4028_9_neitherSideAskingMeansNoTimer() {
        assertInstanceOf(SessionTimerDecision.None.class, SUPPORTED.negotiateAsUas(UasTestMessages.invite(""), true));
        assertEquals(List.of(), SessionTimerDecision.none().responseHeaders());
    }

    @Test
    void rfc4028_9_requiredRunsATimerForAUacThatDoesNotKnowTheExtension() {
        SessionTimerPolicy required = new SessionTimerPolicy(Use.REQUIRED, Duration.ofSeconds(1200), Duration.ofSeconds(90));
        SessionTimerDecision.Active a = active(required.negotiateAsUas(UasTestMessages.invite(""), false));
        assertEquals(Duration.ofSeconds(1200), a.interval());
        assertTrue(a.localRefresher());
        assertEquals(List.of(se("1200;refresher=uas")), a.responseHeaders());
    }

    @Test
    void rfc4028_9_offIgnoresSessionExpires() {
        SessionTimerPolicy off = new SessionTimerPolicy(Use.OFF, Duration.ofSeconds(1800), Duration.ofSeconds(90));
        assertInstanceOf(SessionTimerDecision.None.class,
                off.negotiateAsUas(UasTestMessages.invite("Supported: timer\r\nSession-Expires: 95\r\n"), true));
    }

    @Test
    void rfc4028_9_addHeadersToPutsSessionExpiresAndAddsTimerToRequire() {
        SessionTimerDecision.Active a = active(SUPPORTED.negotiateAsUas(
                UasTestMessages.invite("Supported: timer\r\nSession-Expires: 1800\r\n"), false));
        SipResponse ok = UasTestMessages.responseToInvite(200, "OK", "Require: precondition\r\nSession-Expires: 5\r\n");
        a.addHeadersTo(ok);
        assertEquals("1800;refresher=uac", ok.header("Session-Expires"));
        assertEquals(List.of("precondition", "timer"), ok.require());
        a.addHeadersTo(ok);
        assertEquals(List.of("precondition", "timer"), ok.require());
    }

    // ------------------------------------------------------------------------------ §7, UAC

    @Test
    void rfc4028_7_1_supportedAddsSupportedTimerSessionExpiresWithoutRefresherAndMinSe() {
        SipRequest invite = UasTestMessages.invite("Supported: 100rel\r\n");
        SUPPORTED.applyToRequest(invite, null);
        assertEquals(List.of("100rel", "timer"), invite.supported());
        assertEquals(List.of(), invite.require());
        assertEquals(1800, invite.sessionExpires().seconds());
        assertNull(invite.sessionExpires().refresher());
        assertEquals(90, invite.minSE());
        SUPPORTED.applyToRequest(invite, null);
        assertEquals(List.of("100rel", "timer"), invite.supported(), "applied twice, timer listed once");
    }

    @Test
    void rfc4028_7_1_requiredAlsoAddsRequireTimer() {
        SipRequest invite = UasTestMessages.invite("");
        new SessionTimerPolicy(Use.REQUIRED, Duration.ofSeconds(1800), Duration.ofSeconds(90)).applyToRequest(invite, null);
        assertEquals(List.of("timer"), invite.require());
        assertEquals(List.of("timer"), invite.supported());
    }

    @Test
    void rfc4028_7_1_offAddsNothing() {
        SipRequest invite = UasTestMessages.invite("");
        new SessionTimerPolicy(Use.OFF, Duration.ofSeconds(1800), Duration.ofSeconds(90)).applyToRequest(invite, null);
        assertFalse(invite.hasHeader("Supported"));
        assertFalse(invite.hasHeader("Session-Expires"));
        assertFalse(invite.hasHeader("Min-SE"));
    }

    @Test
    void rfc4028_7_1_anOverrideIsUsedButNeverBelowMinSe() {
        SipRequest a = UasTestMessages.invite("");
        STRICT.applyToRequest(a, Duration.ofSeconds(900));
        assertEquals(900, a.sessionExpires().seconds());
        SipRequest b = UasTestMessages.invite("");
        STRICT.applyToRequest(b, Duration.ofSeconds(100));
        assertEquals(300, b.sessionExpires().seconds(), "Session-Expires MUST be >= Min-SE");
        assertEquals(300, b.minSE());
    }

    @Test
    void rfc4028_7_4_aRefreshCarriesTheIntervalAndTheCurrentRefresher() {
        SipRequest mine = UasTestMessages.invite("");
        SUPPORTED.applyToRefresh(mine, Duration.ofSeconds(1200), true);
        assertEquals("1200;refresher=uac", mine.header("Session-Expires"));
        SipRequest theirs = UasTestMessages.invite("");
        SUPPORTED.applyToRefresh(theirs, Duration.ofSeconds(1200), false);
        assertEquals("1200;refresher=uas", theirs.header("Session-Expires"));
        assertEquals(List.of("timer"), theirs.supported());
    }

    @Test
    void rfc4028_7_2_the2xxSessionExpiresGivesIntervalAndRefresher() {
        SipRequest invite = UasTestMessages.invite("");
        SUPPORTED.applyToRequest(invite, null);
        SessionTimerDecision.Active uac = active(SUPPORTED.onUacResponse(invite,
                UasTestMessages.responseToInvite(200, "OK", "Require: timer\r\nSession-Expires: 1200;refresher=uac\r\n")));
        assertEquals(Duration.ofSeconds(1200), uac.interval());
        assertTrue(uac.localRefresher());
        assertEquals(List.of(), uac.responseHeaders());
        SessionTimerDecision.Active uas = active(SUPPORTED.onUacResponse(invite,
                UasTestMessages.responseToInvite(200, "OK", "Session-Expires: 1200;refresher=uas\r\n")));
        assertFalse(uas.localRefresher());
    }

    @Test
    void rfc4028_7_2_a2xxWithoutRefresherParameterMakesThisSideRefresh() {
        SipRequest invite = UasTestMessages.invite("");
        SUPPORTED.applyToRequest(invite, null);
        assertTrue(active(SUPPORTED.onUacResponse(invite,
                UasTestMessages.responseToInvite(200, "OK", "Session-Expires: 1200\r\n"))).localRefresher());
    }

    @Test
    void rfc4028_7_2_no2xxSessionExpiresButWeAskedMeansWeRefreshAloneWithOurInterval() {
        SipRequest invite = UasTestMessages.invite("");
        SUPPORTED.applyToRequest(invite, Duration.ofSeconds(900));
        SessionTimerDecision.Active a = active(SUPPORTED.onUacResponse(invite, UasTestMessages.responseToInvite(200, "OK", "")));
        assertEquals(Duration.ofSeconds(900), a.interval());
        assertTrue(a.localRefresher());
    }

    @Test
    void rfc4028_7_2_noSessionExpiresOnEitherSideMeansNoTimer() {
        assertInstanceOf(SessionTimerDecision.None.class,
                SUPPORTED.onUacResponse(UasTestMessages.invite(""), UasTestMessages.responseToInvite(200, "OK", "")));
    }

    @Test
    void rfc4028_7_2_offAndNon2xxResponsesGiveNoTimer() {
        SipRequest invite = UasTestMessages.invite("");
        SUPPORTED.applyToRequest(invite, null);
        SessionTimerPolicy off = new SessionTimerPolicy(Use.OFF, Duration.ofSeconds(1800), Duration.ofSeconds(90));
        SipResponse ok = UasTestMessages.responseToInvite(200, "OK", "Session-Expires: 1200;refresher=uac\r\n");
        assertInstanceOf(SessionTimerDecision.None.class, off.onUacResponse(invite, ok));
        assertInstanceOf(SessionTimerDecision.None.class, SUPPORTED.onUacResponse(invite,
                UasTestMessages.responseToInvite(183, "Session Progress", "Session-Expires: 1200;refresher=uac\r\n")));
    }

    @Test
    void rfc4028_7_3_a422RaisesSessionExpiresAndMinSeToItsMinSe() {
        Optional<SessionTimerPolicy> retry = SUPPORTED.retryAfter422(
                UasTestMessages.responseToInvite(422, "Session Interval Too Small", "Min-SE: 3600\r\n"));
        assertTrue(retry.isPresent());
        assertEquals(new SessionTimerPolicy(Use.SUPPORTED, Duration.ofSeconds(3600), Duration.ofSeconds(3600)), retry.get());
        SipRequest again = UasTestMessages.invite("");
        retry.get().applyToRequest(again, null);
        assertEquals(3600, again.sessionExpires().seconds());
        assertEquals(3600, again.minSE());
    }

    @Test
    void rfc4028_7_3_a422WithoutAUsableMinSeIsNotRetried() {
        assertEquals(Optional.empty(), SUPPORTED.retryAfter422(
                UasTestMessages.responseToInvite(422, "Session Interval Too Small", "")));
        assertEquals(Optional.empty(), SUPPORTED.retryAfter422(
                UasTestMessages.responseToInvite(422, "Session Interval Too Small", "Min-SE: soon\r\n")));
        assertEquals(Optional.empty(), SUPPORTED.retryAfter422(
                UasTestMessages.responseToInvite(422, "Session Interval Too Small", "Min-SE: 1800\r\n")),
                "asks for no more than was offered: retrying would loop");
        assertEquals(Optional.empty(), SUPPORTED.retryAfter422(
                UasTestMessages.responseToInvite(486, "Busy Here", "Min-SE: 3600\r\n")));
    }

    // ------------------------------------------------------------------------------ the policy itself

    @Test
    void rfc4028_5_policyIsValidated() {
        assertThrows(IllegalArgumentException.class,
                () -> new SessionTimerPolicy(Use.SUPPORTED, Duration.ofSeconds(1800), Duration.ofSeconds(89)));
        assertThrows(IllegalArgumentException.class,
                () -> new SessionTimerPolicy(Use.SUPPORTED, Duration.ofSeconds(100), Duration.ofSeconds(120)));
        assertEquals(new SessionTimerPolicy(Use.SUPPORTED, Duration.ofSeconds(1800), Duration.ofSeconds(90)),
                SessionTimerPolicy.DEFAULTS);
    }

    @Test
    void forCallTakesTheCallsUseAndIntervalKeepingMinSe() {
        SessionTimerPolicy p = STRICT.forCall(CallOptions.DEFAULTS.withSessionTimer(Use.REQUIRED, Duration.ofSeconds(120)));
        assertEquals(new SessionTimerPolicy(Use.REQUIRED, Duration.ofSeconds(300), Duration.ofSeconds(300)), p);
    }
}
