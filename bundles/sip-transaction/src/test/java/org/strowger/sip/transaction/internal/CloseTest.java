package org.strowger.sip.transaction.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.strowger.sip.transaction.api.ClientTransaction;
import org.strowger.sip.transaction.api.TransactionFailure;
import org.strowger.sip.transaction.api.TransactionState;

/**
 * Stopping the layer (component deactivation): no client transaction user is left waiting. Each live
 * request gets the synthesized 503 of RFC 3261 §8.1.3.1 ({@link TransactionFailure#OVERLOAD}, "layer
 * stopping") unless it already had a final response, then {@code onTerminated}; its timers are
 * cancelled; a request sent afterwards gets the 503 at once.
 */
class CloseTest {

    private final Harness h = new Harness();
    private final Harness.Node a = h.node("127.0.0.1");
    private final Harness.Peer peer = h.peer("127.0.0.2");
    private final RecordingClientUser tu = new RecordingClientUser();

    private void close() {
        ((DefaultTransactionLayer) a.layer).close();
    }

    @Test
    void rfc3261_8_1_3_1_close_pendingInviteGetsSynthesized503AndTerminated_timersCancelled() {
        ClientTransaction tx = a.layer.sendRequest(Messages.invite("sip:bob@127.0.0.2", "call-close"), tu);
        assertEquals(TransactionState.CALLING, tx.state());
        assertEquals(2, h.timers.pending(), "Timers A and B");

        close();

        assertEquals(List.of(503), tu.statuses());
        assertEquals("Service Unavailable (layer stopping)", tu.last().reasonPhrase());
        assertEquals(Optional.of(TransactionFailure.OVERLOAD), tx.failure());
        assertEquals(1, tu.terminated);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, h.timers.pending(), "no timer of the stopped layer is left");
        assertEquals(0, a.layer.transactions().size());
        h.advance(Duration.ofMinutes(5));
        assertEquals(List.of(503), tu.statuses(), "nothing more");
        assertEquals(1, peer.requests("INVITE").size(), "no retransmission");
        assertEquals(1, tu.terminated);
    }

    @Test
    void rfc3261_8_1_3_1_close_requestInCallingAndCancelPending_bothEnd_timersCancelled() {
        ClientTransaction invite = a.layer.sendRequest(Messages.invite("sip:bob@127.0.0.2", "call-close-2"), tu);
        RecordingClientUser optionsTu = new RecordingClientUser();
        ClientTransaction options = a.layer.sendRequest(Messages.request("OPTIONS", "sip:bob@127.0.0.2", "c-o", 1),
                optionsTu);
        peer.respond(peer.last("INVITE"), 180, "b");
        invite.cancel(null);
        assertEquals(1, peer.requests("CANCEL").size());
        assertTrue(h.timers.pending() >= 4, "CANCEL's E and F, the after-CANCEL timeout, OPTIONS' E and F");

        close();

        assertEquals(List.of(180, 503), tu.statuses());
        assertEquals(List.of(503), optionsTu.statuses());
        assertEquals(Optional.of(TransactionFailure.OVERLOAD), options.failure());
        assertEquals(1, optionsTu.terminated);
        assertEquals(0, h.timers.pending());
        h.advance(Duration.ofMinutes(1));
        assertEquals(1, peer.requests("CANCEL").size(), "the CANCEL is not retransmitted");
        assertEquals(1, peer.requests("OPTIONS").size(), "nor the OPTIONS");
    }

    @Test
    void close_requestWithFinalResponse_onlyTerminated() {
        ClientTransaction tx = a.layer.sendRequest(Messages.request("OPTIONS", "sip:bob@127.0.0.2", "c-done", 1), tu);
        peer.respond(peer.last("OPTIONS"), 200, "b");
        assertEquals(TransactionState.COMPLETED, tx.state(), "Timer K running");
        assertEquals(0, tu.terminated);

        close();

        assertEquals(List.of(200), tu.statuses(), "no second final response");
        assertEquals(Optional.empty(), tx.failure());
        assertEquals(1, tu.terminated);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, h.timers.pending());
    }

    @Test
    void rfc3261_8_1_3_1_sendRequestAfterClose_synthesized503AtOnce_nothingSent() {
        close();
        ClientTransaction tx = a.layer.sendRequest(Messages.request("OPTIONS", "sip:bob@127.0.0.2", "c-late", 1), tu);

        assertEquals(List.of(503), tu.statuses());
        assertEquals("Service Unavailable (layer stopping)", tu.last().reasonPhrase());
        assertEquals(Optional.of(TransactionFailure.OVERLOAD), tx.failure());
        assertEquals(1, tu.terminated);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertTrue(peer.received.isEmpty());
        assertEquals(0, a.metric("overload_503"), "not an overload refusal");
    }

    @Test
    void testkitNodeStop_isTheLayersClose() {
        ClientTransaction tx = a.layer.sendRequest(Messages.request("OPTIONS", "sip:bob@127.0.0.2", "c-kit", 1), tu);
        a.node.stop();

        assertEquals(List.of(503), tu.statuses());
        assertEquals(TransactionState.TERMINATED, tx.state());
    }
}
