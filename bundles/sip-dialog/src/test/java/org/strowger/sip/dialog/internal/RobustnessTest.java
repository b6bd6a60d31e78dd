package org.strowger.sip.dialog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.strowger.sip.dialog.api.CallOptions;
import org.strowger.sip.dialog.api.CallRequest;
import org.strowger.sip.dialog.api.CallState;
import org.strowger.sip.dialog.api.EndReason;
import org.strowger.sip.dialog.api.IncomingCall;
import org.strowger.sip.dialog.api.OutgoingCall;
import org.strowger.sip.dialog.internal.UaHarness.Recorder;
import org.strowger.sip.dialog.internal.UaHarness.Ua;
import org.strowger.sip.message.api.SipHeader;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.Uri;
import org.strowger.sip.transaction.testkit.LoopbackSipTransport.Sent;

/** Proxies on the path, broken peers, races and load: what the happy paths do not show. */
class RobustnessTest {

    private final UaHarness h = new UaHarness();
    private final Ua alice = h.ua("127.0.0.1");
    private final Ua bob = h.ua("127.0.0.2");

    private OutgoingCall call(Recorder r, CallOptions options) {
        return alice.core.call(new CallRequest(Uri.parse(bob.uri("bob")), null, null, UaHarness.sdp("alice", 1), options), r);
    }

    private static long count(Ua ua, java.util.function.Predicate<Sent> p) {
        return ua.node.transport().count(p);
    }

    @Test
    void rfc3261_12_1_1_recordRouteIsCopiedIntoDialogCreatingResponses() {
        // a record-routing proxy on the path (here its Record-Route names bob's own address)
        String rr = "<sip:127.0.0.2:5060;lr;ftag=abc>";
        bob.onCall = c -> {
            c.progress(180, null, false);
            c.answer(UaHarness.sdp("bob", 1));
        };
        Recorder r = new Recorder();
        OutgoingCall out = call(r, CallOptions.DEFAULTS.withExtraHeaders(List.of(new SipHeader("Record-Route", rr))));
        assertEquals(rr, r.progress.get(0).header("Record-Route"), "180 (§12.1.1)");
        assertEquals(rr, r.answered.get(0).header("Record-Route"), "200 (§12.1.1)");
        assertEquals(1, out.dialog().orElseThrow().routeSet().size());
        out.hangup();
        Sent bye = alice.node.transport().sent(s -> s.isRequest("BYE")).get(0);
        assertEquals(rr, bye.request().header("Route"), "in-dialog requests follow the route set (§12.2.1.1)");
        assertEquals(EndReason.REMOTE_BYE, bob.recorder(bob.lastIncoming()).ended);
    }

    @Test
    void rfc3261_13_2_2_4_malformedRecordRouteIn2xx_ackedThenReleased() {
        bob.onCall = c -> c.answer(UaHarness.sdp("bob", 1));
        bob.node.transport().failSends(m -> {
            if (m instanceof SipResponse resp && resp.statusCode() == 200 && resp.cseq().method().equals(SipMethod.INVITE)
                    && !resp.hasHeader("Record-Route")) {
                resp.addHeader("Record-Route", "<sip:proxy.example;lr"); // unterminated
            }
            return false;
        });
        Recorder r = new Recorder();
        OutgoingCall out = call(r, CallOptions.DEFAULTS);
        h.advance(Duration.ofSeconds(1));
        assertEquals(EndReason.FAILED, r.ended);
        assertEquals(1, count(alice, s -> s.isRequest("ACK")), "the 2xx is still ACKed");
        assertEquals(1, count(alice, s -> s.isRequest("BYE")), "and the dialog it created released");
        assertEquals(CallState.TERMINATED, out.state());
    }

    @Test
    void malformedAllowInAProvisionalIsIgnoredNotFatal() {
        bob.onCall = c -> c.progress(180, null, false);
        bob.node.transport().failSends(m -> {
            if (m instanceof SipResponse resp && resp.statusCode() == 180) {
                resp.setHeader("Allow", "INVITE ACK, @@");
            }
            return false;
        });
        Recorder r = new Recorder();
        OutgoingCall out = call(r, CallOptions.DEFAULTS);
        assertEquals(1, r.progress.size());
        assertEquals(CallState.EARLY, out.state());
    }

    @Test
    void rfc3261_12_1_2_2xxWithoutContact_theRequestUriIsTheTarget() {
        bob.onCall = c -> c.answer(UaHarness.sdp("bob", 1));
        bob.node.transport().failSends(m -> {
            if (m instanceof SipResponse resp && resp.statusCode() == 200 && resp.cseq().method().equals(SipMethod.INVITE)) {
                resp.removeHeader("Contact");
            }
            return false;
        });
        Recorder r = new Recorder();
        OutgoingCall out = call(r, CallOptions.DEFAULTS);
        assertEquals(CallState.CONFIRMED, out.state());
        assertEquals(1, count(alice, s -> s.isRequest("ACK")));
        out.hangup();
        assertEquals(EndReason.REMOTE_BYE, bob.recorder(bob.lastIncoming()).ended);
    }

    @Test
    void rfc6337_3_1_1_answerRepeatedIn2xxAfterReliable183_offersStillPossible() {
        bob.onCall = c -> {
            c.progress(183, UaHarness.sdp("bob", 1), true);
            c.answer(UaHarness.sdp("bob", 1));
        };
        Recorder r = new Recorder();
        OutgoingCall out = call(r, CallOptions.DEFAULTS);
        h.advance(Duration.ofMillis(10));
        assertEquals(CallState.CONFIRMED, out.state());
        assertEquals(OfferAnswer.State.STABLE, ((AbstractCall) out).offerAnswer.state());
        assertEquals(200, out.update(UaHarness.sdp("alice", 2)).toCompletableFuture().join().statusCode());
        IncomingCall in = bob.lastIncoming();
        assertEquals(200, in.update(UaHarness.sdp("bob", 2)).toCompletableFuture().join().statusCode());
    }

    @Test
    void rfc3261_9_2_cancelledReinvite_lateAnswerIsDropped() {
        bob.onCall = c -> c.answer(UaHarness.sdp("bob", 1));
        Recorder r = new Recorder();
        OutgoingCall out = call(r, CallOptions.DEFAULTS);
        IncomingCall in = bob.lastIncoming();
        bob.recorder(in).autoAccept = false;
        // alice's re-INVITE, then a CANCEL for it (§9.1, sent by alice's transaction layer)
        CompletableFuture<SipResponse> re = out.reinvite(UaHarness.sdp("alice", 2)).toCompletableFuture();
        h.advance(Duration.ofMillis(300)); // bob's transaction sent 100 Trying
        ((AbstractCall) out).pendingReinvite().cancel(null);
        h.advance(Duration.ofMillis(10));
        assertEquals(487, re.join().statusCode());
        bob.recorder(in).requests.get(0).accept(null); // the application answers too late
        h.advance(Duration.ofSeconds(40));
        assertNull(bob.recorder(in).ended, "the late answer neither starts 2xx retransmission nor ends the call");
        assertNull(r.ended);
        assertEquals(CallState.CONFIRMED, out.state());
    }

    @Test
    void rfc3261_15_1_2_byeWhileAReinviteIsPending_487() {
        bob.onCall = c -> c.answer(UaHarness.sdp("bob", 1));
        Recorder r = new Recorder();
        OutgoingCall out = call(r, CallOptions.DEFAULTS);
        IncomingCall in = bob.lastIncoming();
        bob.recorder(in).autoAccept = false;
        CompletableFuture<SipResponse> re = out.reinvite(UaHarness.sdp("alice", 2)).toCompletableFuture();
        h.advance(Duration.ofMillis(10));
        in.hangup();
        h.advance(Duration.ofMillis(10));
        assertEquals(487, re.join().statusCode(), "the pending re-INVITE is answered 487");
        assertEquals(EndReason.REMOTE_BYE, r.ended);
        assertTrue(bob.core.pendingInviteTransactions().isEmpty(), "nothing left pending");
    }

    @Test
    void rfc3261_9_2_the200ToCancelHasTheToTagOfThe487() {
        bob.onCall = c -> c.progress(180, null, false);
        Recorder r = new Recorder();
        OutgoingCall out = call(r, CallOptions.DEFAULTS);
        out.hangup();
        SipResponse ok = bob.node.transport().sent(s -> s.isResponse(200)
                && s.response().cseq().method().equals(SipMethod.CANCEL)).get(0).response();
        SipResponse terminated = bob.node.transport().sent(s -> s.isResponse(487)).get(0).response();
        assertEquals(terminated.to().tag(), ok.to().tag());
    }

    @Test
    void rfc3261_15_calleeEndingAnUnansweredCall_487NotBye() {
        bob.onCall = c -> c.progress(180, null, false);
        Recorder r = new Recorder();
        call(r, CallOptions.DEFAULTS);
        bob.lastIncoming().hangup();
        assertEquals(0, count(bob, s -> s.isRequest("BYE")));
        assertEquals(487, r.endResponse.statusCode());
    }

    @Test
    void byeAndUpdateAreNotSentThroughSendRequest() {
        bob.onCall = c -> c.answer(UaHarness.sdp("bob", 1));
        Recorder r = new Recorder();
        OutgoingCall out = call(r, CallOptions.DEFAULTS);
        CompletionException e = assertThrows(CompletionException.class,
                () -> out.sendRequest(SipMethod.BYE, null).toCompletableFuture().join());
        assertTrue(e.getCause() instanceof IllegalArgumentException);
        assertEquals(CallState.CONFIRMED, out.state());
    }

    @Test
    void callLimit_503WithRetryAfter() {
        Ua small = h.ua("127.0.0.5", Map.of("maxCalls", 1));
        small.onCall = c -> c.progress(180, null, false);
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        alice.core.call(CallRequest.to(Uri.parse(small.uri("x")), UaHarness.sdp("alice", 1)), first);
        alice.core.call(CallRequest.to(Uri.parse(small.uri("x")), UaHarness.sdp("alice", 1)), second);
        assertEquals(503, second.endResponse.statusCode());
        assertTrue(small.node.transport().sent(s -> s.isResponse(503)).get(0).response().hasHeader("Retry-After"));
        assertNull(first.ended);
        // the limit counts live calls: an ended call (kept 64*T1 for retransmissions) does not count
        small.lastIncoming().reject(486, "Busy Here");
        Recorder third = new Recorder();
        alice.core.call(CallRequest.to(Uri.parse(small.uri("x")), UaHarness.sdp("alice", 1)), third);
        assertNull(third.ended, "accepted: the first call has ended");
        assertEquals(CallState.EARLY, small.lastIncoming().state());
    }

    @Test
    void rfc3261_17_hundredCallsOverALossyNetworkAllComplete() {
        UaHarness lossy = new UaHarness(42);
        Ua a = lossy.ua("127.0.0.1");
        Ua b = lossy.ua("127.0.0.2");
        b.onCall = c -> c.answer(UaHarness.sdp("b", 1));
        lossy.network.loss(0.1).duplication(0.05);
        List<Recorder> recorders = new ArrayList<>();
        List<OutgoingCall> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Recorder r = new Recorder();
            recorders.add(r);
            calls.add(a.core.call(CallRequest.to(Uri.parse(b.uri("b")), UaHarness.sdp("a", 1)), r));
            lossy.advance(Duration.ofMillis(100));
        }
        lossy.advance(Duration.ofSeconds(40));
        for (OutgoingCall c : calls) {
            c.hangup();
        }
        lossy.advance(Duration.ofSeconds(40));
        long answered = recorders.stream().filter(r -> r.answered.size() == 1).count();
        long byeEnded = recorders.stream().filter(r -> r.ended == EndReason.LOCAL_BYE).count();
        assertEquals(100, answered, "every call answered despite 10 % loss both ways");
        assertEquals(100, byeEnded);
        long calleeEnded = b.incoming.stream().filter(c -> c.state() == CallState.TERMINATED).count();
        assertEquals(100, calleeEnded, "every BYE reached the callee (or its retransmission did)");
        assertEquals(0, b.incoming.stream().filter(c -> b.recorder(c).ended == EndReason.NO_ACK).count(),
                "lost ACKs were recovered by 2xx retransmission");
    }
}
