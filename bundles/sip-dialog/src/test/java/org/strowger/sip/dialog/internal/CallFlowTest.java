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
import org.strowger.sip.dialog.api.CallRequest;
import org.strowger.sip.dialog.api.CallState;
import org.strowger.sip.dialog.api.EndReason;
import org.strowger.sip.dialog.api.IncomingCall;
import org.strowger.sip.dialog.api.OutgoingCall;
import org.strowger.sip.dialog.internal.UaHarness.Recorder;
import org.strowger.sip.dialog.internal.UaHarness.Ua;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.Uri;
import org.strowger.sip.transaction.testkit.LoopbackSipTransport.Sent;

/**
 * INVITE sessions between two real user agents over real transaction layers (RFC 3261 §13–15, §9,
 * §12), on virtual time.
 */
class CallFlowTest {

    private final UaHarness h = new UaHarness();
    private final Ua alice = h.ua("127.0.0.1");
    private final Ua bob = h.ua("127.0.0.2");

    private OutgoingCall call(Recorder r) {
        return call(r, CallOptions.DEFAULTS);
    }

    private OutgoingCall call(Recorder r, CallOptions options) {
        return alice.core.call(new CallRequest(Uri.parse(bob.uri("bob")), null, null, UaHarness.sdp("alice", 1), options), r);
    }

    private static long count(Ua ua, java.util.function.Predicate<Sent> p) {
        return ua.node.transport().count(p);
    }

    @Test
    void rfc3261_13_basicCall_ringAnswerAckBye() {
        bob.onCall = c -> {
            c.progress(180, null, false);
            c.answer(UaHarness.sdp("bob", 1));
        };
        Recorder r = new Recorder();
        OutgoingCall out = call(r);
        assertEquals(List.of(180), r.progress.stream().map(SipResponse::statusCode).toList());
        assertEquals(1, r.answered.size());
        assertEquals(CallState.CONFIRMED, out.state());
        IncomingCall in = bob.lastIncoming();
        assertEquals(CallState.CONFIRMED, in.state());
        assertEquals(1, bob.recorder(in).confirmed, "the ACK reached the UAS core (§13.3.1.4)");
        assertTrue(out.remoteBody().orElseThrow().text().contains("o=bob"));
        assertTrue(in.remoteBody().orElseThrow().text().contains("o=alice"));
        // §12.1.2: the dialog's remote target is the Contact of the 2xx
        assertEquals("127.0.0.2", ((org.strowger.sip.message.api.SipUri) out.dialog().orElseThrow().remoteTarget()).host());

        out.hangup();
        assertEquals(EndReason.LOCAL_BYE, r.ended);
        assertEquals(EndReason.REMOTE_BYE, bob.recorder(in).ended);
        assertEquals(1, count(bob, s -> s.isResponse(200) && s.response().cseq().method().name().equals("BYE")));
        assertEquals(CallState.TERMINATED, out.state());
    }

    @Test
    void rfc3261_15_byeFromTheCallee() {
        bob.onCall = c -> c.answer(UaHarness.sdp("bob", 1));
        Recorder r = new Recorder();
        call(r);
        IncomingCall in = bob.lastIncoming();
        in.hangup();
        assertEquals(EndReason.REMOTE_BYE, r.ended);
        assertEquals(EndReason.LOCAL_BYE, bob.recorder(in).ended);
    }

    @Test
    void rfc3261_9_1_cancelBeforeAnswer_487() {
        bob.onCall = c -> c.progress(180, null, false);
        Recorder r = new Recorder();
        OutgoingCall out = call(r);
        assertEquals(CallState.EARLY, out.state());
        out.hangup();
        assertEquals(EndReason.CANCELLED, r.ended);
        assertEquals(487, r.endResponse.statusCode());
        assertEquals(EndReason.CANCELLED, bob.recorder(bob.lastIncoming()).ended);
        assertEquals(1, count(alice, s -> s.isRequest("CANCEL")));
        assertEquals(1, count(bob, s -> s.isResponse(200) && s.response().cseq().method().name().equals("CANCEL")));
    }

    @Test
    void rfc3261_9_1_cancelWaitsForAProvisionalResponse() {
        bob.onCall = c -> { }; // the UAS says nothing yet: its transaction sends 100 after 200 ms
        h.network.delay(Duration.ofMillis(10));
        Recorder r = new Recorder();
        OutgoingCall out = call(r);
        out.hangup();
        h.advance(Duration.ofMillis(100));
        assertEquals(0, count(alice, s -> s.isRequest("CANCEL")), "no CANCEL before a provisional (§9.1)");
        h.advance(Duration.ofMillis(300));
        assertEquals(1, count(alice, s -> s.isRequest("CANCEL")));
        h.advance(Duration.ofMillis(100));
        assertEquals(EndReason.CANCELLED, r.ended);
    }

    @Test
    void rfc3261_13_3_1_3_rejectIsReportedToTheCaller() {
        bob.onCall = c -> c.reject(486, "Busy Here");
        Recorder r = new Recorder();
        call(r);
        assertEquals(EndReason.REJECTED, r.ended);
        assertEquals(486, r.endResponse.statusCode());
        assertEquals(1, count(alice, s -> s.isRequest("ACK")), "the INVITE client transaction ACKs a non-2xx (§17.1.1.3)");
    }

    @Test
    void rfc3261_13_3_1_2_redirect() {
        bob.onCall = c -> c.redirect(302, List.of(org.strowger.sip.message.api.NameAddr.parse("<sip:carol@127.0.0.3>")));
        Recorder r = new Recorder();
        call(r);
        assertEquals(302, r.endResponse.statusCode());
        assertEquals("sip:carol@127.0.0.3", r.endResponse.contacts().get(0).uri().toString());
    }

    @Test
    void rfc3261_13_3_1_4_2xxRetransmittedUntilAck_thenByeAfter64T1() {
        bob.onCall = c -> c.answer(UaHarness.sdp("bob", 1));
        alice.node.transport().failSends(m -> m instanceof org.strowger.sip.message.api.SipRequest q
                && q.method().name().equals("ACK"));
        Recorder r = new Recorder();
        call(r);
        IncomingCall in = bob.lastIncoming();
        long oks = count(bob, s -> s.isResponse(200));
        assertEquals(1, oks);
        // retransmissions at 0.5, 1.5, 3.5, 7.5, 11.5, 15.5 ... (T1 doubling, capped at T2 = 4 s)
        h.advance(Duration.ofMillis(500));
        assertEquals(2, count(bob, s -> s.isResponse(200)));
        h.advance(Duration.ofMillis(1000));
        assertEquals(3, count(bob, s -> s.isResponse(200)));
        h.advance(Duration.ofMillis(2000));
        assertEquals(4, count(bob, s -> s.isResponse(200)));
        h.advance(Duration.ofMillis(4000));
        assertEquals(5, count(bob, s -> s.isResponse(200)));
        h.advance(Duration.ofMillis(4000));
        assertEquals(6, count(bob, s -> s.isResponse(200)), "capped at T2");
        assertNull(bob.recorder(in).ended);
        h.advance(Duration.ofSeconds(32));
        assertEquals(EndReason.NO_ACK, bob.recorder(in).ended, "64*T1 without ACK ends the session (§13.3.1.4)");
        assertEquals(1, count(bob, s -> s.isRequest("BYE")));
    }

    @Test
    void rfc3261_13_2_2_4_retransmitted2xxIsAckedAgain() {
        bob.onCall = c -> c.answer(UaHarness.sdp("bob", 1));
        // the first ACK is lost: bob retransmits the 200, alice ACKs it again
        int[] acks = {0};
        alice.node.transport().failSends(m -> m instanceof org.strowger.sip.message.api.SipRequest q
                && q.method().name().equals("ACK") && acks[0]++ == 0);
        Recorder r = new Recorder();
        call(r);
        h.advance(Duration.ofMillis(600));
        assertEquals(2, acks[0]);
        assertEquals(1, bob.recorder(bob.lastIncoming()).confirmed);
        assertEquals(1, r.answered.size(), "a retransmitted 2xx is not a new answer");
        h.advance(Duration.ofSeconds(40));
        assertNull(bob.recorder(bob.lastIncoming()).ended, "the ACK stopped the retransmissions");
    }

    @Test
    void rfc3261_13_3_1_noApplication_480() {
        bob.handler = null;
        Recorder r = new Recorder();
        call(r);
        assertEquals(480, r.endResponse.statusCode());
    }

    @Test
    void rfc3261_15_hangupBeforeAckWaitsForTheAck() {
        h.network.delay(Duration.ofMillis(50));
        bob.onCall = c -> {
            c.answer(UaHarness.sdp("bob", 1));
            c.hangup();
        };
        Recorder r = new Recorder();
        call(r);
        h.advance(Duration.ofMillis(60)); // INVITE arrived, 200 sent, hang-up asked; ACK not yet back
        assertEquals(0, count(bob, s -> s.isRequest("BYE")), "no BYE before the ACK (§15)");
        h.advance(Duration.ofMillis(200));
        assertEquals(1, count(bob, s -> s.isRequest("BYE")));
        h.advance(Duration.ofMillis(200));
        assertEquals(EndReason.REMOTE_BYE, r.ended);
    }

    @Test
    void rfc3261_9_2_cancelAfterTheAnswerChangesNothing() {
        h.network.delay(Duration.ofMillis(50));
        bob.onCall = c -> c.progress(180, null, false);
        Recorder r = new Recorder();
        OutgoingCall out = call(r);
        h.advance(Duration.ofMillis(120)); // 180 arrived
        bob.lastIncoming().answer(UaHarness.sdp("bob", 1));
        out.hangup(); // CANCEL crosses the 200
        h.advance(Duration.ofSeconds(1));
        assertEquals(0, r.answered.size(), "the caller hung up: the late 2xx is not reported as an answer");
        assertEquals(EndReason.LOCAL_BYE, r.ended, "answered after all: the caller ends it with BYE (§9.1)");
        assertEquals(1, count(alice, s -> s.isRequest("ACK")), "the 2xx is ACKed before the BYE (§13.2.2.4)");
        assertEquals(EndReason.REMOTE_BYE, bob.recorder(bob.lastIncoming()).ended);
    }

    @Test
    void rfc6086_4_2_infoWithAnAcceptedPackage() {
        Ua carol = h.ua("127.0.0.3", Map.of("infoPackages", new String[] {"dtmf"}));
        carol.onCall = c -> c.answer(UaHarness.sdp("carol", 1));
        Recorder r = new Recorder();
        OutgoingCall out = alice.core.call(CallRequest.to(Uri.parse(carol.uri("carol")), UaHarness.sdp("alice", 1)), r);
        assertEquals("dtmf", r.answered.get(0).header("Recv-Info"), "Recv-Info announces the package (§5.2.2)");
        CompletableFuture<SipResponse> info = out.info("dtmf", new org.strowger.sip.dialog.api.Body(
                "application/dtmf-relay", "Signal=5\r\nDuration=160\r\n".getBytes())).toCompletableFuture();
        assertEquals(200, info.join().statusCode());
        var req = carol.recorder(carol.lastIncoming()).requests.get(0);
        assertEquals("INFO", req.request().method().name());
        assertEquals("dtmf", req.request().header("Info-Package"));
    }

    @Test
    void rfc6086_4_2_2_infoWithAnUnknownPackage_469() {
        bob.onCall = c -> c.answer(UaHarness.sdp("bob", 1));
        Recorder r = new Recorder();
        OutgoingCall out = call(r);
        assertEquals(469, out.info("weather", null).toCompletableFuture().join().statusCode());
        assertEquals(200, out.info(null, new org.strowger.sip.dialog.api.Body("application/dtmf-relay",
                "Signal=1\r\n".getBytes())).toCompletableFuture().join().statusCode(), "legacy INFO is accepted");
        assertEquals(CallState.CONFIRMED, out.state(), "a 469 does not end the dialog");
    }

    @Test
    void rfc3261_11_optionsOutsideADialog() {
        SipResponse ok = alice.core.send(withCapabilities(alice.core.newRequest(
                org.strowger.sip.message.api.SipMethod.OPTIONS, Uri.parse(bob.uri("bob")), null, null, "opt-1", "t1")))
                .toCompletableFuture().join();
        assertEquals(200, ok.statusCode());
        assertTrue(ok.allow().contains(org.strowger.sip.message.api.SipMethod.INVITE));
        assertTrue(ok.allow().contains(org.strowger.sip.message.api.SipMethod.PRACK));
        assertTrue(ok.supported().contains("100rel"));
        assertTrue(ok.supported().contains("timer"));
        assertTrue(ok.accept().stream().anyMatch(t -> t.mimeType().equals("application/sdp")));
    }

    private org.strowger.sip.message.api.SipRequest withCapabilities(org.strowger.sip.message.api.SipRequest r) {
        alice.core.addCapabilities(r);
        return r;
    }

    @Test
    void rfc3261_12_2_2_requestForAnUnknownDialog_481() {
        org.strowger.sip.message.api.SipRequest bye = alice.core.newRequest(org.strowger.sip.message.api.SipMethod.BYE,
                Uri.parse(bob.uri("bob")), null, org.strowger.sip.message.api.NameAddr.parse("<" + bob.uri("bob") + ">;tag=nope"),
                "no-such-call", "t2");
        SipResponse r = alice.core.send(bye).toCompletableFuture().join();
        assertEquals(481, r.statusCode());
    }

    @Test
    void rfc3261_15_byeOutsideADialog_481() {
        org.strowger.sip.message.api.SipRequest bye = alice.core.newRequest(org.strowger.sip.message.api.SipMethod.BYE,
                Uri.parse(bob.uri("bob")), null, null, "no-dialog", "t3");
        assertEquals(481, alice.core.send(bye).toCompletableFuture().join().statusCode());
    }

    @Test
    void rfc3261_14_2_reinviteWithTheSameSessionIsAnsweredWithTheCurrentOne() {
        bob.onCall = c -> c.answer(UaHarness.sdp("bob", 1));
        Recorder r = new Recorder();
        OutgoingCall out = call(r);
        SipResponse ok = out.reinvite(UaHarness.sdp("alice", 2)).toCompletableFuture().join();
        assertEquals(200, ok.statusCode());
        assertTrue(new String(ok.body()).contains("o=bob"));
        assertEquals(2, count(alice, s -> s.isRequest("ACK")), "the re-INVITE's 2xx is ACKed too");
        assertTrue(bob.lastIncoming().remoteBody().orElseThrow().text().contains("o=alice 1 2"));
        assertEquals(1, bob.recorder(bob.lastIncoming()).confirmed, "only the first ACK confirms the call");
    }

    @Test
    void rfc3261_8_2_2_2_mergedRequest_482() {
        // §8.2.2.2: the second copy of an INVITE (same From tag, Call-ID, CSeq; other branch) is merged
        bob.onCall = c -> c.progress(180, null, false);
        Recorder r = new Recorder();
        OutgoingCall out = call(r);
        org.strowger.sip.message.api.SipRequest copy = org.strowger.sip.message.api.SipRequest.class.cast(
                alice.node.transport().sent(s -> s.isRequest("INVITE")).get(0).request());
        copy.removeTopVia();
        CompletableFuture<SipResponse> merged = new CompletableFuture<>();
        alice.node.layer().sendRequest(copy, UaCore.finalResponseTo(merged));
        assertEquals(482, merged.join().statusCode());
        assertEquals(CallState.EARLY, out.state());
    }
}
