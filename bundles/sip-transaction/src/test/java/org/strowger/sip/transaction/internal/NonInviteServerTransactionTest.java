package org.strowger.sip.transaction.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transaction.api.ServerTransaction;
import org.strowger.sip.transaction.api.TransactionFailure;
import org.strowger.sip.transaction.api.TransactionKind;
import org.strowger.sip.transaction.api.TransactionState;
import org.strowger.sip.transport.api.Transport;

/** RFC 3261 §17.2.2 (Figure 8): the non-INVITE server transaction, edge by edge. */
class NonInviteServerTransactionTest {

    private final Harness h = new Harness();
    private final Harness.Node b = h.node("127.0.0.1");
    private final Harness.Peer peer = h.peer("127.0.0.2");

    private SipRequest register() {
        return Messages.incoming("REGISTER", "call-nist", 7, "z9hG4bK-peer-reg");
    }

    private ServerTransaction receive() {
        peer.send(register(), b.address);
        return b.user.last();
    }

    private void retransmit() {
        peer.send(register(), b.address);
    }

    private SipResponse response(ServerTransaction tx, int status) {
        return Messages.response(tx.request(), status, "reg-tag");
    }

    private List<Integer> statusesAtPeer() {
        return peer.responses().stream().map(SipResponse::statusCode).toList();
    }

    @Test
    void rfc3261_17_2_2_trying_requestPassedToTu() {
        ServerTransaction tx = receive();

        assertEquals(1, b.user.requests.size());
        assertEquals(TransactionKind.NON_INVITE_SERVER, tx.kind());
        assertEquals(TransactionState.TRYING, tx.state());
        assertEquals("REGISTER", tx.request().method().name());
        h.advance(Duration.ofSeconds(1));
        assertTrue(peer.responses().isEmpty(), "no automatic 100 for non-INVITE");
    }

    @Test
    void rfc3261_17_2_2_trying_retransmissionAbsorbed() {
        ServerTransaction tx = receive();
        retransmit();

        assertEquals(1, b.user.requests.size());
        assertTrue(peer.responses().isEmpty());
        assertEquals(TransactionState.TRYING, tx.state());
        assertEquals(1, b.metric("retransmissions_absorbed"));
    }

    @Test
    void rfc3261_17_2_2_trying_1xxFromTu_sent_toProceeding() {
        ServerTransaction tx = receive();
        tx.respond(response(tx, 100));

        assertEquals(List.of(100), statusesAtPeer());
        assertEquals(TransactionState.PROCEEDING, tx.state());
    }

    @Test
    void rfc3261_17_2_2_trying_200to699FromTu_sent_toCompleted() {
        ServerTransaction tx = receive();
        tx.respond(response(tx, 200));

        assertEquals(List.of(200), statusesAtPeer());
        assertEquals(TransactionState.COMPLETED, tx.state());
    }

    @Test
    void rfc3261_17_2_2_proceeding_1xxFromTu_sent() {
        ServerTransaction tx = receive();
        tx.respond(response(tx, 100));
        tx.respond(response(tx, 182));

        assertEquals(List.of(100, 182), statusesAtPeer());
        assertEquals(TransactionState.PROCEEDING, tx.state());
    }

    @Test
    void rfc3261_17_2_2_proceeding_retransmission_lastProvisionalResent() {
        ServerTransaction tx = receive();
        tx.respond(response(tx, 100));
        retransmit();

        assertEquals(List.of(100, 100), statusesAtPeer());
        assertEquals(1, b.user.requests.size());
    }

    @Test
    void rfc3261_17_2_2_proceeding_200to699FromTu_sent_toCompleted() {
        ServerTransaction tx = receive();
        tx.respond(response(tx, 100));
        tx.respond(response(tx, 403));

        assertEquals(List.of(100, 403), statusesAtPeer());
        assertEquals(TransactionState.COMPLETED, tx.state());
    }

    @Test
    void rfc3261_17_2_2_proceeding_transportError_terminatesAndInformsTu() {
        ServerTransaction tx = receive();
        tx.respond(response(tx, 100));
        b.transport.failSends(m -> true);
        retransmit();

        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(List.of(TransactionFailure.TRANSPORT_ERROR), b.user.failures.stream().map(f -> f.failure()).toList());
    }

    @Test
    void rfc3261_17_2_2_completed_retransmission_finalResent() {
        ServerTransaction tx = receive();
        tx.respond(response(tx, 200));
        retransmit();
        retransmit();

        assertEquals(List.of(200, 200, 200), statusesAtPeer());
        assertEquals(1, b.user.requests.size());
        assertEquals(TransactionState.COMPLETED, tx.state());
    }

    @Test
    void rfc3261_17_2_2_completed_timerJ_terminatesAfter64T1OverUdp() {
        ServerTransaction tx = receive();
        tx.respond(response(tx, 200));

        h.advance(Duration.ofMillis(31_999));
        assertEquals(TransactionState.COMPLETED, tx.state());
        h.advanceMillis(1);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertTrue(b.user.failures.isEmpty());
        retransmit();
        assertEquals(2, b.user.requests.size(), "after Timer J a copy is a new request");
    }

    @Test
    void rfc3261_17_2_2_completed_reliableTransport_timerJZero() {
        peer.send(register(), b.address, Transport.TCP);
        ServerTransaction tx = b.user.last();
        tx.respond(response(tx, 200));

        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, b.layer.transactions().size());
    }

    @Test
    void rfc3261_17_2_2_completed_transportError_terminatesAndInformsTu() {
        ServerTransaction tx = receive();
        tx.respond(response(tx, 200));
        b.transport.failSends(m -> true);
        retransmit();

        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(List.of(TransactionFailure.TRANSPORT_ERROR), b.user.failures.stream().map(f -> f.failure()).toList());
    }

    @Test
    void rfc3261_17_2_2_completed_furtherResponsesFromTuIgnored() {
        ServerTransaction tx = receive();
        tx.respond(response(tx, 200));
        tx.respond(response(tx, 500));
        tx.respond(response(tx, 100));

        assertEquals(List.of(200), statusesAtPeer());
        assertEquals(200, tx.lastResponse().statusCode());
    }

    @Test
    void rfc3261_17_2_2_trying_watchdog_unansweredFor64T1_terminatedAndReportedAsTimeout() {
        ServerTransaction tx = receive();

        h.advanceMillis(31_999);
        assertEquals(TransactionState.TRYING, tx.state());
        assertTrue(b.user.failures.isEmpty());
        h.advanceMillis(1);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(List.of(TransactionFailure.TIMEOUT), b.user.failures.stream().map(f -> f.failure()).toList());
        assertEquals(tx, b.user.failures.get(0).transaction());
        assertEquals(0, b.layer.transactions().size(), "its place in the table is freed");
        assertEquals(1, b.metric("unanswered"));

        tx.respond(response(tx, 200));
        assertTrue(peer.responses().isEmpty(), "a late answer is ignored: the client's Timer F has expired");
        retransmit();
        assertEquals(2, b.user.requests.size(), "a later copy is a new request");
    }

    @Test
    void rfc3261_17_2_2_proceeding_watchdog_provisionalDoesNotExtendIt() {
        ServerTransaction tx = receive();
        h.advanceMillis(10_000);
        tx.respond(response(tx, 100));
        h.advanceMillis(22_000);

        assertEquals(TransactionState.TERMINATED, tx.state(), "64*T1 after the request arrived");
        assertEquals(List.of(TransactionFailure.TIMEOUT), b.user.failures.stream().map(f -> f.failure()).toList());
    }

    @Test
    void rfc3261_17_2_2_completed_watchdogCancelledByTheFinalResponse() {
        ServerTransaction tx = receive();
        h.advanceMillis(31_000);
        tx.respond(response(tx, 200));
        h.advanceMillis(1_000);

        assertEquals(TransactionState.COMPLETED, tx.state(), "Timer J runs, the watchdog does not");
        h.advance(Duration.ofSeconds(32));
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertTrue(b.user.failures.isEmpty());
        assertEquals(0, b.metric("unanswered"));
    }
}
