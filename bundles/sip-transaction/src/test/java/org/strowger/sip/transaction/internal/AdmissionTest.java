package org.strowger.sip.transaction.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transaction.api.ClientTransaction;
import org.strowger.sip.transaction.api.TransactionFailure;
import org.strowger.sip.transaction.api.TransactionInfo;
import org.strowger.sip.transaction.api.TransactionKind;
import org.strowger.sip.transaction.api.TransactionState;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.InboundMessage;
import org.strowger.sip.transport.api.Transport;

/**
 * Limits and absence (DESIGN.md §4: past a limit the answer is 503 with Retry-After): the transaction
 * limit, no transaction user bound, a full call executor queue, a failing TU; and the snapshot.
 */
class AdmissionTest {

    private final Harness h = new Harness();
    private final Harness.Peer peer = h.peer("127.0.0.2");

    private List<SipResponse> responsesAtPeer() {
        return peer.responses();
    }

    @Test
    void overload_newServerTransactionsAnswered503WithRetryAfter() {
        Harness.Node b = h.node("127.0.0.1", Harness.settings(500, 4000, 5000, 200, 2));
        peer.send(Messages.incoming("OPTIONS", "o1", 1, "z9hG4bK-1"), b.address);
        peer.send(Messages.incoming("OPTIONS", "o2", 1, "z9hG4bK-2"), b.address);
        peer.send(Messages.incoming("OPTIONS", "o3", 1, "z9hG4bK-3"), b.address);

        assertEquals(2, b.user.requests.size());
        assertEquals(1, responsesAtPeer().size());
        SipResponse refused = responsesAtPeer().get(0);
        assertEquals(503, refused.statusCode());
        assertEquals("Service Unavailable (transaction limit reached)", refused.reasonPhrase());
        assertEquals("5", refused.header(HeaderNames.RETRY_AFTER));
        assertNotNull(refused.to().tag(), "§8.2.6.2: a To tag");
        assertEquals("o3", refused.callId());
        assertEquals(1, b.metric("overload_503"));
        assertEquals(2, b.layer.transactions().size(), "no transaction for the refused request");

        peer.send(Messages.incoming("OPTIONS", "o1", 1, "z9hG4bK-1"), b.address);
        assertEquals(1, responsesAtPeer().size(), "a retransmission of a live transaction is still matched");
    }

    @Test
    void rfc3261_9_2_cancelMatchingALiveInvite_admittedPastTheTransactionLimit() {
        Harness.Node b = h.node("127.0.0.1", Harness.settings(500, 4000, 5000, 200, 1));
        b.user.cancelling(c -> {
            c.cancel().respond(Messages.response(c.cancel().request(), 200, "srv"));
            c.cancelled().respond(Messages.response(c.cancelled().request(), 487, "srv"));
        });
        peer.send(Messages.incoming("INVITE", "x1", 1, "z9hG4bK-inv"), b.address);
        assertEquals(1, b.layer.transactions().size(), "at the limit");

        peer.send(Messages.incoming("CANCEL", "x1", 1, "z9hG4bK-inv"), b.address);

        assertEquals(1, b.user.cancels.size(), "the CANCEL ends work: matched first, then admitted");
        assertEquals(List.of(200, 487), responsesAtPeer().stream().map(SipResponse::statusCode).toList());
        assertEquals(0, b.metric("overload_503"));

        peer.send(Messages.incoming("CANCEL", "x2", 1, "z9hG4bK-none"), b.address);
        assertEquals(503, responsesAtPeer().get(2).statusCode(), "an unmatched CANCEL is a new request like any other");
    }

    @Test
    void perSourceLimit_newRequestsFromThatIp503WithRetryAfter_otherSourcesAdmitted_slotFreedOnTerminated() {
        Harness.Node b = h.node("127.0.0.1", Harness.settings(500, 4000, 5000, 200, 100, 2));
        Harness.Peer other = h.peer("127.0.0.3");
        peer.send(Messages.incoming("OPTIONS", "p1", 1, "z9hG4bK-1"), b.address);
        peer.send(Messages.incoming("INVITE", "p2", 1, "z9hG4bK-2"), b.address);
        peer.send(Messages.incoming("OPTIONS", "p3", 1, "z9hG4bK-3"), b.address);
        other.send(Messages.incoming("OPTIONS", "p4", 1, "z9hG4bK-4"), b.address);

        assertEquals(3, b.user.requests.size());
        SipResponse refused = responsesAtPeer().get(0);
        assertEquals(503, refused.statusCode());
        assertEquals("p3", refused.callId());
        assertEquals("Service Unavailable (transaction limit for 127.0.0.2 reached)", refused.reasonPhrase());
        assertEquals("5", refused.header(HeaderNames.RETRY_AFTER));
        assertNotNull(refused.to().tag());
        assertEquals(1, b.metric("source_limit_503"));
        assertEquals(0, b.metric("overload_503"));
        assertTrue(other.responses().isEmpty(), "another source is not limited");

        b.user.cancelling(c -> c.cancel().respond(Messages.response(c.cancel().request(), 200, "srv")));
        peer.send(Messages.incoming("CANCEL", "p2", 1, "z9hG4bK-2"), b.address);
        assertEquals(1, b.user.cancels.size(), "a matched CANCEL is admitted past the source's limit too");

        b.user.requests.get(0).respond(Messages.response(b.user.requests.get(0).request(), 200, "srv"));
        peer.send(Messages.incoming("OPTIONS", "p5", 1, "z9hG4bK-5"), b.address);
        assertEquals(2, b.metric("source_limit_503"), "Completed still counts until Terminated");
        h.advance(Duration.ofSeconds(32));
        peer.send(Messages.incoming("OPTIONS", "p6", 1, "z9hG4bK-6"), b.address);
        assertEquals("p6", b.user.last().request().callId(), "Timer J ended two: the source has room again");
    }

    @Test
    void overload_newClientTransactionGetsSynthesized503() {
        Harness.Node a = h.node("127.0.0.1", Harness.settings(500, 4000, 5000, 200, 1));
        RecordingClientUser first = new RecordingClientUser();
        RecordingClientUser second = new RecordingClientUser();
        a.layer.sendRequest(Messages.request("OPTIONS", "sip:bob@127.0.0.2", "c1", 1), first);
        ClientTransaction refused = a.layer.sendRequest(Messages.request("OPTIONS", "sip:bob@127.0.0.2", "c2", 1), second);

        assertEquals(List.of(503), second.statuses());
        assertEquals("Service Unavailable (transaction limit reached)", second.last().reasonPhrase());
        assertEquals(Optional.of(TransactionFailure.OVERLOAD), refused.failure());
        assertEquals(TransactionState.TERMINATED, refused.state());
        assertEquals(1, second.terminated);
        assertEquals(1, peer.requests("OPTIONS").size());
        assertEquals(1, a.metric("overload_503"));
    }

    @Test
    void noTransactionUser_newRequestsAnswered503_ackAndStrayResponsesDropped() {
        Harness.Node b = h.node("127.0.0.1");
        b.clearUser(b.user);
        peer.send(Messages.incoming("INVITE", "n1", 1, "z9hG4bK-1"), b.address);
        peer.send(Messages.incoming("ACK", "n1", 1, "z9hG4bK-2"), b.address);
        peer.respond(new InboundMessage(Messages.incoming("OPTIONS", "n2", 1, "z9hG4bK-x"),
                new Flow(Transport.UDP, peer.address, b.address, 0), 0), 200, "t");

        assertEquals(1, responsesAtPeer().size(), "the ACK is not answered");
        assertEquals(503, responsesAtPeer().get(0).statusCode());
        assertEquals("Service Unavailable (no transaction user)", responsesAtPeer().get(0).reasonPhrase());
        assertEquals("5", responsesAtPeer().get(0).header(HeaderNames.RETRY_AFTER));
        assertEquals(1, b.metric("no_user_503"));
        assertEquals(1, b.metric("stray_responses"));
        assertEquals(0, b.layer.transactions().size());
    }

    @Test
    void transactionUserReplacedGreedily_unbindOfTheOldOneKeepsTheNew() {
        Harness.Node b = h.node("127.0.0.1");
        RecordingServerUser better = new RecordingServerUser();
        b.setUser(better);
        b.clearUser(b.user);
        peer.send(Messages.incoming("OPTIONS", "g1", 1, "z9hG4bK-1"), b.address);

        assertEquals(1, better.requests.size());
        assertTrue(b.user.requests.isEmpty());
    }

    @Test
    void callExecutorQueueFull_requestAnswered503Statelessly_responsesAndAcksDroppedAndCounted() {
        Harness.Node b = h.node("127.0.0.1");
        h.executor.rejectAll(true);
        peer.send(Messages.incoming("OPTIONS", "q1", 1, "z9hG4bK-1"), b.address);
        peer.send(Messages.incoming("ACK", "q1", 1, "z9hG4bK-2"), b.address);
        peer.respond(new InboundMessage(Messages.incoming("OPTIONS", "q2", 1, "z9hG4bK-x"),
                new Flow(Transport.UDP, peer.address, b.address, 0), 0), 200, "t");

        assertEquals(1, responsesAtPeer().size());
        assertEquals("Service Unavailable (call executor queue full)", responsesAtPeer().get(0).reasonPhrase());
        assertEquals("5", responsesAtPeer().get(0).header(HeaderNames.RETRY_AFTER));
        assertTrue(b.user.requests.isEmpty());
        assertEquals(1, b.metric("queue_full_503"));
        assertEquals(2, b.metric("queue_full_responses_dropped"));
    }

    @Test
    void callExecutorQueueFull_timerEventRetriedUntilAccepted() {
        Harness.Node a = h.node("127.0.0.1");
        a.layer.sendRequest(Messages.request("OPTIONS", "sip:bob@127.0.0.2", "r1", 1), new RecordingClientUser());
        h.executor.rejectAll(true);
        h.advanceMillis(500);
        assertEquals(1, peer.requests("OPTIONS").size(), "Timer E rejected by the full queue");

        h.executor.rejectAll(false);
        h.advanceMillis(CallExecutor.RETRY_DELAY.toMillis());
        assertEquals(2, peer.requests("OPTIONS").size(), "and delivered once the queue accepts work again");
    }

    @Test
    void requestWithoutMandatoryHeaders_refusedAtOnce() {
        Harness.Node a = h.node("127.0.0.1");
        org.strowger.sip.message.api.SipRequest bare = new org.strowger.sip.message.api.SipRequest(
                org.strowger.sip.message.api.SipMethod.OPTIONS, org.strowger.sip.message.api.SipUri.parse("sip:bob@127.0.0.2"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> a.layer.sendRequest(bare, new RecordingClientUser()));
        assertTrue(e.getMessage().contains("Call-ID, CSeq, From and To"));
        assertTrue(peer.received.isEmpty());
    }

    @Test
    void transactionUserThrows_requestAnswered500() {
        Harness.Node b = h.node("127.0.0.1");
        b.user.answering(tx -> {
            throw new IllegalStateException("bug in the TU");
        });
        peer.send(Messages.incoming("OPTIONS", "t1", 1, "z9hG4bK-1"), b.address);

        assertEquals(List.of(500), responsesAtPeer().stream().map(SipResponse::statusCode).toList());
    }

    @Test
    void transactions_snapshotOldestFirst_withKindStateMethodPeerAgeAndStatus() {
        Harness.Node b = h.node("127.0.0.1");
        RecordingClientUser tu = new RecordingClientUser();
        b.layer.sendRequest(Messages.invite("sip:bob@127.0.0.2", "s1"), tu);
        h.advanceMillis(250);
        peer.send(Messages.incoming("REGISTER", "s2", 1, "z9hG4bK-reg"), b.address);
        b.user.last().respond(Messages.response(b.user.last().request(), 100, null));
        h.advanceMillis(1000);
        peer.respond(peer.last("INVITE"), 180, "x");

        List<TransactionInfo> list = b.layer.transactions();
        assertEquals(2, list.size());
        TransactionInfo client = list.get(0);
        assertEquals(TransactionKind.INVITE_CLIENT, client.kind());
        assertEquals(TransactionState.PROCEEDING, client.state());
        assertEquals("INVITE", client.method());
        assertEquals("s1", client.callId());
        assertEquals("UDP 127.0.0.2:5060", client.peer());
        assertEquals(Duration.ofMillis(1250), client.age());
        assertEquals(180, client.lastStatus());
        assertTrue(client.branch().startsWith("z9hG4bK"));
        TransactionInfo server = list.get(1);
        assertEquals(TransactionKind.NON_INVITE_SERVER, server.kind());
        assertEquals(TransactionState.PROCEEDING, server.state());
        assertEquals("z9hG4bK-reg", server.branch());
        assertEquals(100, server.lastStatus());
        assertEquals(Duration.ofMillis(1000), server.age());
    }
}
