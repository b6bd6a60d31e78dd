package org.strowger.sip.transaction.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.strowger.sip.transaction.api.ClientTransaction;
import org.strowger.sip.transaction.api.TransactionFailure;
import org.strowger.sip.transaction.api.TransactionKind;
import org.strowger.sip.transaction.api.TransactionState;
import org.strowger.sip.transport.api.InboundMessage;

/** RFC 3261 §17.1.2 (Figure 6): the non-INVITE client transaction, edge by edge. */
class NonInviteClientTransactionTest {

    private final Harness h = new Harness();
    private final Harness.Node a = h.node("127.0.0.1");
    private final Harness.Peer peer = h.peer("127.0.0.2");
    private final RecordingClientUser tu = new RecordingClientUser();

    private ClientTransaction options(String requestUri) {
        return a.layer.sendRequest(Messages.request("OPTIONS", requestUri, "call-nict", 1), tu);
    }

    private ClientTransaction optionsUdp() {
        return options("sip:bob@127.0.0.2:5060");
    }

    private InboundMessage lastOptions() {
        return peer.last("OPTIONS");
    }

    /** Milliseconds between successive copies of the request at the peer. */
    private List<Long> intervals() {
        List<InboundMessage> sent = peer.requests("OPTIONS");
        List<Long> out = new ArrayList<>();
        for (int i = 1; i < sent.size(); i++) {
            out.add((sent.get(i).receivedNanos() - sent.get(i - 1).receivedNanos()) / 1_000_000);
        }
        return out;
    }

    @Test
    void rfc3261_17_1_2_2_trying_requestSent_timersEAndFRunning() {
        ClientTransaction tx = optionsUdp();

        assertEquals(TransactionKind.NON_INVITE_CLIENT, tx.kind());
        assertEquals(TransactionState.TRYING, tx.state());
        assertEquals(1, peer.requests("OPTIONS").size());
        assertEquals(2, h.timers.pending(), "Timers E and F");
    }

    @Test
    void rfc3261_17_1_2_2_trying_timerE_retransmitsDoublingCappedAtT2_timerFAt64T1() {
        ClientTransaction tx = optionsUdp();

        h.advance(Duration.ofMillis(31_999));
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 4000L, 4000L, 4000L, 4000L, 4000L, 4000L), intervals());
        assertEquals(TransactionState.TRYING, tx.state());
        assertTrue(tu.responses.isEmpty());

        h.advanceMillis(1);
        assertEquals(List.of(408), tu.statuses());
        assertEquals("Request Timeout (Timer F)", tu.last().reasonPhrase());
        assertEquals(Optional.of(TransactionFailure.TIMEOUT), tx.failure());
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(1, tu.terminated);
        assertEquals(0, h.timers.pending());
    }

    @Test
    void rfc3261_17_1_2_2_trying_timerE_cappedAtConfiguredT2() {
        Harness other = new Harness();
        Harness.Node node = other.node("127.0.0.1", Harness.settings(100, 300, 5000, 200, 1000));
        Harness.Peer remote = other.peer("127.0.0.2");
        node.layer.sendRequest(Messages.request("OPTIONS", "sip:bob@127.0.0.2", "call-t2", 1), tu);

        other.advanceMillis(1499);
        List<InboundMessage> sent = remote.requests("OPTIONS");
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < sent.size(); i++) {
            gaps.add((sent.get(i).receivedNanos() - sent.get(i - 1).receivedNanos()) / 1_000_000);
        }
        assertEquals(List.of(100L, 200L, 300L, 300L, 300L), gaps);
    }

    @Test
    void rfc3261_17_1_2_2_trying_transportError_informsTuWithSynthesized503() {
        a.transport.failSends(m -> true);
        ClientTransaction tx = optionsUdp();

        assertEquals(List.of(503), tu.statuses());
        assertEquals(Optional.of(TransactionFailure.TRANSPORT_ERROR), tx.failure());
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(1, tu.terminated);
        assertEquals(1, a.metric("transport_errors"));
    }

    @Test
    void rfc3261_17_1_2_2_trying_1xx_toProceedingPassedToTu() {
        ClientTransaction tx = optionsUdp();
        peer.respond(lastOptions(), 100, null);

        assertEquals(List.of(100), tu.statuses());
        assertEquals(TransactionState.PROCEEDING, tx.state());
    }

    @Test
    void rfc3261_17_1_2_2_trying_200to699_toCompletedPassedToTu() {
        ClientTransaction tx = optionsUdp();
        peer.respond(lastOptions(), 404, "bob1");

        assertEquals(List.of(404), tu.statuses());
        assertEquals(TransactionState.COMPLETED, tx.state());
        assertEquals(Optional.empty(), tx.failure());
    }

    @Test
    void rfc3261_17_1_2_2_proceeding_timerE_retransmitsEveryT2() {
        ClientTransaction tx = optionsUdp();
        h.advanceMillis(100);
        peer.respond(lastOptions(), 100, null);

        h.advanceMillis(400 + 4000 + 4000);
        assertEquals(List.of(500L, 4000L, 4000L), intervals(), "E fires as started, then every T2");
        assertEquals(TransactionState.PROCEEDING, tx.state());
    }

    @Test
    void rfc3261_17_1_2_2_proceeding_1xx_passedToTu() {
        ClientTransaction tx = optionsUdp();
        peer.respond(lastOptions(), 100, null);
        peer.respond(lastOptions(), 182, "bob1");

        assertEquals(List.of(100, 182), tu.statuses());
        assertEquals(TransactionState.PROCEEDING, tx.state());
    }

    @Test
    void rfc3261_17_1_2_2_proceeding_200to699_toCompleted() {
        ClientTransaction tx = optionsUdp();
        peer.respond(lastOptions(), 100, null);
        peer.respond(lastOptions(), 200, "bob1");

        assertEquals(List.of(100, 200), tu.statuses());
        assertEquals(TransactionState.COMPLETED, tx.state());
    }

    @Test
    void rfc3261_17_1_2_2_proceeding_timerF_informsTuWith408() {
        ClientTransaction tx = optionsUdp();
        peer.respond(lastOptions(), 100, null);

        h.advance(Duration.ofSeconds(32));
        assertEquals(List.of(100, 408), tu.statuses());
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(Optional.of(TransactionFailure.TIMEOUT), tx.failure());
    }

    @Test
    void rfc3261_17_1_2_2_proceeding_transportError_informsTuWith503() {
        ClientTransaction tx = optionsUdp();
        peer.respond(lastOptions(), 100, null);
        a.transport.failSends(m -> true);

        h.advanceMillis(500);
        assertEquals(List.of(100, 503), tu.statuses());
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(Optional.of(TransactionFailure.TRANSPORT_ERROR), tx.failure());
    }

    @Test
    void rfc3261_17_1_2_2_completed_responseRetransmissionsAbsorbed() {
        ClientTransaction tx = optionsUdp();
        peer.respond(lastOptions(), 200, "bob1");
        peer.respond(lastOptions(), 200, "bob1");
        peer.respond(lastOptions(), 100, null);

        assertEquals(List.of(200), tu.statuses());
        assertEquals(TransactionState.COMPLETED, tx.state());
        assertEquals(2, a.metric("retransmissions_absorbed"));
        h.advance(Duration.ofSeconds(1));
        assertEquals(1, peer.requests("OPTIONS").size(), "no retransmission in Completed");
    }

    @Test
    void rfc3261_17_1_2_2_completed_timerK_terminatesAfterT4() {
        ClientTransaction tx = optionsUdp();
        peer.respond(lastOptions(), 200, "bob1");

        h.advanceMillis(4999);
        assertEquals(TransactionState.COMPLETED, tx.state());
        h.advanceMillis(1);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(1, tu.terminated);
        assertEquals(0, a.layer.transactions().size());
    }

    @Test
    void rfc3261_17_1_2_2_reliableTransport_noRetransmissions_timerKZero() {
        ClientTransaction tx = options("sip:bob@127.0.0.2:5060;transport=tcp");
        h.advance(Duration.ofMillis(31_999));
        assertEquals(1, peer.requests("OPTIONS").size());
        peer.respond(lastOptions(), 200, "bob1");

        assertEquals(List.of(200), tu.statuses());
        assertEquals(TransactionState.TERMINATED, tx.state(), "Timer K is 0 over TCP");
        assertEquals(1, tu.terminated);
    }
}
