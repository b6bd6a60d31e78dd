package org.strowger.sip.dialog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.strowger.sip.dialog.api.CallOptions;
import org.strowger.sip.dialog.api.CallOptions.Use;
import org.strowger.sip.dialog.api.CallRequest;
import org.strowger.sip.dialog.api.CallState;
import org.strowger.sip.dialog.api.DialogInfo;
import org.strowger.sip.dialog.api.EndReason;
import org.strowger.sip.dialog.api.IncomingCall;
import org.strowger.sip.dialog.api.InDialogRequest;
import org.strowger.sip.dialog.api.OutgoingCall;
import org.strowger.sip.dialog.internal.UaHarness.Recorder;
import org.strowger.sip.dialog.internal.UaHarness.Ua;
import org.strowger.sip.message.api.CSeq;
import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.NameAddr;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.Uri;
import org.strowger.sip.transaction.testkit.LoopbackSipTransport.Sent;

/** PRACK (RFC 3262), UPDATE (RFC 3311), glare (RFC 3261 §14), session timers (RFC 4028). */
class ExtensionsTest {

    private final UaHarness h = new UaHarness();
    private Ua alice = h.ua("127.0.0.1");
    private Ua bob = h.ua("127.0.0.2");

    private OutgoingCall call(Recorder r, CallOptions options) {
        return alice.core.call(new CallRequest(Uri.parse(bob.uri("bob")), null, null, UaHarness.sdp("alice", 1), options), r);
    }

    private static long count(Ua ua, java.util.function.Predicate<Sent> p) {
        return ua.node.transport().count(p);
    }

    /** Sends a request inside the call's dialog built by hand, bypassing the UA's own checks. */
    private SipResponse sendInDialog(Ua from, DialogInfo d, SipMethod method, long cseq, String body) {
        SipRequest r = new SipRequest(method, d.remoteTarget());
        r.addHeader(HeaderNames.MAX_FORWARDS, "70");
        r.addHeader(HeaderNames.FROM, d.localUri().withTag(d.localTag()).toString());
        r.addHeader(HeaderNames.TO, d.remoteUri().withTag(d.remoteTag()).toString());
        r.addHeader(HeaderNames.CALL_ID, d.callId());
        r.addHeader(HeaderNames.CSEQ, new CSeq(cseq, method).toString());
        r.addHeader(HeaderNames.CONTACT, "<sip:x@127.0.0.1:5060>");
        if (body != null) {
            r.setBody("application/sdp", body.getBytes());
        }
        CompletableFuture<SipResponse> f = new CompletableFuture<>();
        from.node.layer().sendRequest(r, UaCore.finalResponseTo(f));
        h.advance(Duration.ofMillis(1));
        return f.getNow(null);
    }

    // ---- RFC 3262 -------------------------------------------------------------------------------

    @Test
    void rfc3262_3_reliable180IsPrackedThen200() {
        bob.onCall = c -> c.progress(180, UaHarness.sdp("bob", 1), true);
        Recorder r = new Recorder();
        OutgoingCall out = call(r, CallOptions.DEFAULTS);
        SipResponse ringing = r.progress.get(0);
        assertEquals("100rel", ringing.require().get(0));
        long rseq = ringing.rseq();
        assertTrue(rseq >= 1 && rseq <= (1L << 31) - 1, "initial RSeq in 1..2^31-1 (§3)");
        Sent prack = alice.node.transport().sent(s -> s.isRequest("PRACK")).get(0);
        assertEquals(rseq, prack.request().rack().rseq());
        assertEquals(1, prack.request().rack().cseq());
        assertEquals(1, count(bob, s -> s.isResponse(200) && s.response().cseq().method().equals(SipMethod.PRACK)));
        h.advance(Duration.ofSeconds(5));
        assertEquals(1, count(bob, s -> s.isResponse(180)), "PRACKed: no retransmission");
        assertEquals(CallState.EARLY, out.state());
        bob.lastIncoming().answer(UaHarness.sdp("bob", 1));
        assertEquals(CallState.CONFIRMED, out.state());
    }

    @Test
    void rfc3262_3_severalReliableProvisionalsHaveIncreasingRSeq() {
        bob.onCall = c -> {
            c.progress(180, null, true);
            c.progress(183, null, true);
        };
        Recorder r = new Recorder();
        call(r, CallOptions.DEFAULTS);
        assertEquals(2, r.progress.size());
        assertEquals(r.progress.get(0).rseq() + 1, (long) r.progress.get(1).rseq());
        assertEquals(2, count(alice, s -> s.isRequest("PRACK")));
    }

    @Test
    void rfc3262_3_unacknowledgedReliableProvisionalIsRetransmittedThen5xx() {
        bob.onCall = c -> c.progress(180, null, true);
        alice.node.transport().failSends(m -> m instanceof SipRequest q && q.method().equals(SipMethod.PRACK));
        Recorder r = new Recorder();
        call(r, CallOptions.DEFAULTS);
        h.advance(Duration.ofMillis(500));
        assertEquals(2, count(bob, s -> s.isResponse(180)));
        h.advance(Duration.ofMillis(1000));
        assertEquals(3, count(bob, s -> s.isResponse(180)), "T1 doubling");
        h.advance(Duration.ofSeconds(31));
        assertEquals(EndReason.REJECTED, r.ended);
        assertEquals(504, r.endResponse.statusCode(), "no PRACK within 64*T1: 5xx (§3)");
        assertEquals(1, r.progress.size(), "retransmissions are not new provisionals for the caller (§4)");
    }

    @Test
    void rfc3262_3_prackMatchingNothing_481() {
        bob.onCall = c -> c.progress(180, null, true);
        Recorder r = new Recorder();
        OutgoingCall out = call(r, CallOptions.DEFAULTS);
        DialogInfo d = out.dialog().orElseThrow();
        SipRequest prack = new SipRequest(SipMethod.PRACK, d.remoteTarget());
        SipResponse resp = sendPrack(d, r.progress.get(0).rseq() + 7);
        assertEquals(481, resp.statusCode());
    }

    private SipResponse sendPrack(DialogInfo d, long rseq) {
        SipRequest r = new SipRequest(SipMethod.PRACK, d.remoteTarget());
        r.addHeader(HeaderNames.MAX_FORWARDS, "70");
        r.addHeader(HeaderNames.FROM, d.localUri().withTag(d.localTag()).toString());
        r.addHeader(HeaderNames.TO, d.remoteUri().withTag(d.remoteTag()).toString());
        r.addHeader(HeaderNames.CALL_ID, d.callId());
        r.addHeader(HeaderNames.CSEQ, new CSeq(d.localCSeq() + 5, SipMethod.PRACK).toString());
        r.addHeader(HeaderNames.RACK, rseq + " 1 INVITE");
        CompletableFuture<SipResponse> f = new CompletableFuture<>();
        alice.node.layer().sendRequest(r, UaCore.finalResponseTo(f));
        return f.join();
    }

    @Test
    void rfc3262_3_requiredByTheCaller_provisionalsAreReliable() {
        bob.onCall = c -> c.progress(180, null, false);
        Recorder r = new Recorder();
        call(r, CallOptions.DEFAULTS.withReliableProvisionals(Use.REQUIRED));
        assertNotNull(r.progress.get(0).rseq(), "Require: 100rel in the INVITE makes the 180 reliable");
    }

    // ---- RFC 3311 -------------------------------------------------------------------------------

    @Test
    void rfc3311_5_updateInAConfirmedDialog() {
        bob.onCall = c -> c.answer(UaHarness.sdp("bob", 1));
        Recorder r = new Recorder();
        OutgoingCall out = call(r, CallOptions.DEFAULTS);
        SipResponse ok = out.update(UaHarness.sdp("alice", 2)).toCompletableFuture().join();
        assertEquals(200, ok.statusCode());
        assertTrue(new String(ok.body()).contains("o=bob"), "the answer");
        assertEquals("UPDATE", bob.recorder(bob.lastIncoming()).requests.get(0).request().method().name());
    }

    @Test
    void rfc3311_5_2_updateInAnEarlyDialog() {
        bob.onCall = c -> c.progress(183, UaHarness.sdp("bob", 1), true);
        Recorder r = new Recorder();
        OutgoingCall out = call(r, CallOptions.DEFAULTS);
        assertEquals(CallState.EARLY, out.state());
        SipResponse ok = out.update(UaHarness.sdp("alice", 2)).toCompletableFuture().join();
        assertEquals(200, ok.statusCode(), "offer/answer completed by the reliable 183 and its PRACK");
    }

    @Test
    void rfc3311_5_2_concurrentOffers_491() {
        bob.onCall = c -> c.answer(UaHarness.sdp("bob", 1));
        Recorder r = new Recorder();
        OutgoingCall out = call(r, CallOptions.DEFAULTS);
        h.network.delay(Duration.ofMillis(20));
        CompletableFuture<SipResponse> a = out.update(UaHarness.sdp("alice", 2)).toCompletableFuture();
        CompletableFuture<SipResponse> b = bob.lastIncoming().update(UaHarness.sdp("bob", 2)).toCompletableFuture();
        h.advance(Duration.ofMillis(100));
        assertEquals(491, a.join().statusCode());
        assertEquals(491, b.join().statusCode());
    }

    @Test
    void rfc3311_5_2_offerWhileAnOfferIsUnanswered_500WithRetryAfter() {
        bob.onCall = c -> c.answer(UaHarness.sdp("bob", 1));
        Recorder r = new Recorder();
        OutgoingCall out = call(r, CallOptions.DEFAULTS);
        bob.recorder(bob.lastIncoming()).autoAccept = false; // bob holds the first UPDATE unanswered
        CompletableFuture<SipResponse> first = out.update(UaHarness.sdp("alice", 2)).toCompletableFuture();
        DialogInfo d = out.dialog().orElseThrow();
        SipResponse second = sendInDialog(alice, d, SipMethod.UPDATE, d.localCSeq() + 1, UaHarness.sdp("alice", 3).text());
        assertEquals(500, second.statusCode());
        int retryAfter = Integer.parseInt(second.header(HeaderNames.RETRY_AFTER).trim());
        assertTrue(retryAfter >= 0 && retryAfter <= 10, "Retry-After 0-10 s (§5.2)");
        InDialogRequest held = bob.recorder(bob.lastIncoming()).requests.get(0);
        held.accept(null);
        h.advance(Duration.ofMillis(1));
        assertEquals(200, first.join().statusCode());
    }

    // ---- RFC 3261 §14 ---------------------------------------------------------------------------

    @Test
    void rfc3261_14_1_reinviteGlare_491_thenBothRetryAfterBackoff() {
        bob.onCall = c -> c.answer(UaHarness.sdp("bob", 1));
        Recorder r = new Recorder();
        OutgoingCall out = call(r, CallOptions.DEFAULTS);
        h.network.delay(Duration.ofMillis(20));
        CompletableFuture<SipResponse> a = out.reinvite(UaHarness.sdp("alice", 2)).toCompletableFuture();
        CompletableFuture<SipResponse> b = bob.lastIncoming().reinvite(UaHarness.sdp("bob", 2)).toCompletableFuture();
        h.advance(Duration.ofMillis(100));
        assertEquals(2, count(alice, s -> s.isResponse(491)) + count(bob, s -> s.isResponse(491)));
        h.advance(Duration.ofSeconds(10));
        assertEquals(200, a.join().statusCode(), "the caller (Call-ID owner) retries after 2.1-4 s");
        assertEquals(200, b.join().statusCode(), "the callee retries after 0-2 s");
    }

    @Test
    void rfc3261_14_2_reinviteWhileAnotherIsInProgress_500WithRetryAfter() {
        bob.onCall = c -> c.answer(UaHarness.sdp("bob", 1));
        Recorder r = new Recorder();
        OutgoingCall out = call(r, CallOptions.DEFAULTS);
        bob.recorder(bob.lastIncoming()).autoAccept = false;
        out.reinvite(UaHarness.sdp("alice", 2));
        h.advance(Duration.ofMillis(1));
        DialogInfo d = out.dialog().orElseThrow();
        SipResponse second = sendInDialog(alice, d, SipMethod.INVITE, d.localCSeq() + 1, null);
        assertEquals(500, second.statusCode());
        assertNotNull(second.header(HeaderNames.RETRY_AFTER));
    }

    @Test
    void rfc3261_12_2_2_lowerCSeq_500() {
        bob.onCall = c -> c.answer(UaHarness.sdp("bob", 1));
        Recorder r = new Recorder();
        OutgoingCall out = call(r, CallOptions.DEFAULTS);
        out.info(null, null).toCompletableFuture().join(); // CSeq 2
        DialogInfo d = out.dialog().orElseThrow();
        SipResponse stale = sendInDialog(alice, d, SipMethod.INFO, 1, null);
        assertEquals(500, stale.statusCode());
    }

    // ---- RFC 4028 -------------------------------------------------------------------------------

    @Test
    void rfc4028_9_callerRefreshesWithUpdateAtHalfTheInterval() {
        bob.onCall = c -> c.answer(UaHarness.sdp("bob", 1));
        Recorder r = new Recorder();
        OutgoingCall out = call(r, CallOptions.DEFAULTS.withSessionTimer(Use.SUPPORTED, Duration.ofSeconds(90)));
        SipResponse ok = r.answered.get(0);
        assertEquals(90, ok.sessionExpires().seconds());
        assertEquals("uac", ok.sessionExpires().refresher(), "a UAC that supports timers refreshes (§9)");
        assertTrue(ok.require().contains("timer"));
        assertTrue(out.dialog().orElseThrow().localRefresher());
        h.advanceSeconds(44);
        assertEquals(0, count(alice, s -> s.isRequest("UPDATE")));
        h.advanceSeconds(2);
        assertEquals(1, count(alice, s -> s.isRequest("UPDATE")), "refresh at half the interval (§10), UPDATE allowed");
        h.advanceSeconds(46);
        assertEquals(2, count(alice, s -> s.isRequest("UPDATE")), "and again after each refresh");
        assertNull(r.ended);
        assertNull(bob.recorder(bob.lastIncoming()).ended, "the refreshes keep the callee's session alive");
    }

    @Test
    void rfc4028_10_sessionExpiresWithoutRefresh_bye() {
        bob.onCall = c -> c.answer(UaHarness.sdp("bob", 1));
        Recorder r = new Recorder();
        call(r, CallOptions.DEFAULTS.withSessionTimer(Use.SUPPORTED, Duration.ofSeconds(90)));
        IncomingCall in = bob.lastIncoming();
        h.advanceSeconds(40);
        h.network.detach(bob.node.address()); // alice's refreshes no longer reach bob
        h.advanceSeconds(19);
        assertNull(bob.recorder(in).ended);
        h.advanceSeconds(2);
        assertEquals(EndReason.SESSION_EXPIRED, bob.recorder(in).ended,
                "BYE at interval - min(32, interval/3) = 60 s (§10)");
        assertTrue(count(bob, s -> s.isRequest("BYE")) >= 1, "BYE sent (retransmitted: alice's 200 is lost)");
    }

    @Test
    void rfc4028_10_refusedRefreshIsRetriedThenByeBeforeExpiry() {
        bob.onCall = c -> c.answer(UaHarness.sdp("bob", 1));
        Recorder r = new Recorder();
        call(r, CallOptions.DEFAULTS.withSessionTimer(Use.SUPPORTED, Duration.ofSeconds(90)));
        bob.recorder(bob.lastIncoming()).rejectWith = 403;
        h.advanceSeconds(46);
        assertEquals(1, count(alice, s -> s.isRequest("UPDATE")));
        assertNull(r.ended, "one refused refresh does not end the call");
        h.advanceSeconds(13); // 59 s: retried after back-offs, each refused
        assertTrue(count(alice, s -> s.isRequest("UPDATE")) > 1, "the refresh is retried");
        h.advanceSeconds(1);
        assertEquals(EndReason.SESSION_EXPIRED, r.ended, "BYE before the session expires (60 s = 90 - 30)");
        assertEquals(1, count(alice, s -> s.isRequest("BYE")));
    }

    @Test
    void rfc4028_10_refreshAnswered481EndsTheDialog() {
        bob.onCall = c -> c.answer(UaHarness.sdp("bob", 1));
        Recorder r = new Recorder();
        call(r, CallOptions.DEFAULTS.withSessionTimer(Use.SUPPORTED, Duration.ofSeconds(90)));
        bob.recorder(bob.lastIncoming()).rejectWith = 481;
        h.advanceSeconds(46);
        assertEquals(EndReason.DIALOG_GONE, r.ended, "481 to a request in the dialog: the dialog is gone (§12.2.1.2)");
        assertEquals(0, count(alice, s -> s.isRequest("BYE")));
    }

    @Test
    void rfc4028_7_4_sessionIntervalTooSmall_422_thenRetry() {
        bob = h.ua("127.0.0.3", Map.of("minSE", 1800));
        bob.onCall = c -> c.answer(UaHarness.sdp("bob", 1));
        Recorder r = new Recorder();
        OutgoingCall out = alice.core.call(new CallRequest(Uri.parse(bob.uri("bob")), null, null,
                UaHarness.sdp("alice", 1), CallOptions.DEFAULTS.withSessionTimer(Use.SUPPORTED, Duration.ofSeconds(90))), r);
        assertEquals(1, count(bob, s -> s.isResponse(422)));
        assertEquals("1800", bob.node.transport().sent(s -> s.isResponse(422)).get(0).response().header("Min-SE"));
        assertEquals(CallState.CONFIRMED, out.state(), "retried with Session-Expires 1800");
        assertEquals(1800, out.dialog().orElseThrow().sessionExpires().toSeconds());
        assertEquals(2, out.invite().cseq().sequence());
    }

    @Test
    void rfc4028_9_refreshByReinviteWhenThePeerDoesNotAllowUpdate() {
        bob = h.ua("127.0.0.4", Map.of("allow", new String[] {"INVITE", "ACK", "CANCEL", "BYE", "OPTIONS"}));
        bob.onCall = c -> c.answer(UaHarness.sdp("bob", 1));
        Recorder r = new Recorder();
        OutgoingCall out = alice.core.call(new CallRequest(Uri.parse(bob.uri("bob")), null, null,
                UaHarness.sdp("alice", 1), CallOptions.DEFAULTS.withSessionTimer(Use.SUPPORTED, Duration.ofSeconds(90))), r);
        assertTrue(out.dialog().orElseThrow().localRefresher());
        h.advanceSeconds(46);
        assertEquals(2, count(alice, s -> s.isRequest("INVITE")), "the initial INVITE and one refresh re-INVITE");
        assertEquals(0, count(alice, s -> s.isRequest("UPDATE")));
        assertEquals(2, count(alice, s -> s.isRequest("ACK")));
        assertTrue(new String(alice.node.transport().sent(s -> s.isRequest("INVITE")).get(1).request().body())
                .contains("o=alice"), "the refresh re-INVITE carries the current session description");
        assertNull(r.ended);
    }
}
