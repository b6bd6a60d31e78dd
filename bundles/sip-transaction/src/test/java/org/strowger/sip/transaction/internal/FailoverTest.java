package org.strowger.sip.transaction.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.strowger.sip.dns.api.SipResolutionException;
import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipUri;
import org.strowger.sip.transaction.api.ClientTransaction;
import org.strowger.sip.transaction.api.TransactionFailure;
import org.strowger.sip.transaction.api.TransactionState;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.Transport;

/**
 * Next hop (RFC 3261 §8.1.2), RFC 3263 resolution and failover (§4.3: timeout, transport error or 503
 * → next target in a new transaction with a new branch), synthesized responses (RFC 3261 §8.1.3.1) and
 * stateless sending.
 */
class FailoverTest {

    private final Harness h = new Harness();
    private final Harness.Node a = h.node("127.0.0.1");
    private final Harness.Peer first = h.peer("127.0.0.2");
    private final Harness.Peer second = h.peer("127.0.0.3");
    private final RecordingClientUser tu = new RecordingClientUser();

    FailoverTest() {
        h.resolver.add("pool.example.com", "UDP 127.0.0.2:5060", "UDP 127.0.0.3:5060");
    }

    private ClientTransaction options() {
        return a.layer.sendRequest(Messages.request("OPTIONS", "sip:bob@pool.example.com", "call-fo", 1), tu);
    }

    @Test
    void rfc3263_4_3_firstTargetTimesOut_nextTargetWithNewBranch_tuSeesOnlyTheLastOutcome() {
        ClientTransaction tx = options();
        String firstBranch = tx.branch();
        assertTrue(second.received.isEmpty());

        h.advance(Duration.ofSeconds(32));
        assertEquals(1, second.requests("OPTIONS").size(), "Timer F on the first target: try the second");
        String secondBranch = second.last("OPTIONS").message().topVia().branch();
        assertNotEquals(firstBranch, secondBranch, "a new transaction, a new branch");
        assertEquals(secondBranch, tx.branch());
        assertTrue(tu.responses.isEmpty(), "no 408 for the abandoned target");

        second.respond(second.last("OPTIONS"), 200, "s");
        assertEquals(List.of(200), tu.statuses());
        assertEquals(Optional.empty(), tx.failure());
        assertEquals(Optional.of(second.address), tx.flow().map(Flow::remote));
        assertEquals(1, a.metric("failovers"));
    }

    @Test
    void rfc3263_4_3_503FromFirstTarget_nextTarget() {
        ClientTransaction tx = a.layer.sendRequest(Messages.invite("sip:bob@pool.example.com", "call-fo"), tu);
        first.respond(first.last("INVITE"), 180, "f");
        first.respond(first.last("INVITE"), 503, "f");

        assertEquals(1, first.requests("ACK").size(), "the first target's 503 is ACKed by its transaction");
        assertEquals(1, second.requests("INVITE").size());
        assertNotEquals(first.last("INVITE").message().topVia().branch(), second.last("INVITE").message().topVia().branch());
        second.respond(second.last("INVITE"), 200, "s");

        assertEquals(List.of(180, 200), tu.statuses(), "provisional responses of every attempt, the last final");
        assertEquals(TransactionState.ACCEPTED, tx.state());
    }

    @Test
    void rfc3263_4_3_transportErrorOnFirstTarget_nextTarget() {
        a.transport.unreachable(first.address);
        ClientTransaction tx = options();

        assertEquals(1, second.requests("OPTIONS").size());
        second.respond(second.last("OPTIONS"), 200, "s");
        assertEquals(List.of(200), tu.statuses());
        assertEquals(TransactionState.COMPLETED, tx.state());
    }

    @Test
    void rfc3263_4_3_allTargetsTimeOut_synthesized408() {
        ClientTransaction tx = options();
        h.advance(Duration.ofSeconds(64));

        assertEquals(1, first.requests("OPTIONS").stream().map(m -> m.message().topVia().branch()).distinct().count());
        assertEquals(List.of(408), tu.statuses());
        assertEquals(Optional.of(TransactionFailure.TIMEOUT), tx.failure());
        assertEquals(1, tu.terminated);
        assertEquals(TransactionState.TERMINATED, tx.state());
    }

    @Test
    void rfc3263_4_3_allTargets503_lastRealResponseDelivered() {
        ClientTransaction tx = options();
        first.respond(first.last("OPTIONS"), 503, "f");
        second.respond(second.last("OPTIONS"), 503, "s");

        assertEquals(List.of(503), tu.statuses());
        assertEquals("s", tu.last().to().tag(), "the real 503 of the last target");
        assertEquals(Optional.empty(), tx.failure());
    }

    @Test
    void rfc3261_8_1_3_1_allTargetsUnreachable_synthesized503TransportError() {
        a.transport.unreachable(first.address);
        a.transport.unreachable(second.address);
        ClientTransaction tx = options();

        assertEquals(List.of(503), tu.statuses());
        assertTrue(tu.last().reasonPhrase().startsWith("Service Unavailable (transport error sending to UDP 127.0.0.3:5060"),
                tu.last().reasonPhrase());
        assertEquals(Optional.of(TransactionFailure.TRANSPORT_ERROR), tx.failure());
        assertEquals(1, tu.terminated);
    }

    @Test
    void rfc3263_4_3_otherFinalResponsesDoNotFailOver() {
        options();
        first.respond(first.last("OPTIONS"), 404, "f");

        assertEquals(List.of(404), tu.statuses());
        assertTrue(second.received.isEmpty());
    }

    @Test
    void rfc3261_8_1_3_1_resolutionFailure_synthesized503NoTarget() {
        ClientTransaction tx = a.layer.sendRequest(Messages.request("OPTIONS", "sip:bob@unknown.invalid", "c", 1), tu);

        assertEquals(List.of(503), tu.statuses());
        assertEquals("Service Unavailable (no route to sip:bob@unknown.invalid: unknown.invalid: name does not exist)",
                tu.last().reasonPhrase());
        assertEquals(Optional.of(TransactionFailure.NO_TARGET), tx.failure());
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(1, tu.terminated);
    }

    @Test
    void rfc3263_4_1_onlyUdpAndTcpTargetsAreUsed() {
        h.resolver.add("tls-only.example.com", "TLS 127.0.0.2:5061");
        ClientTransaction tx = a.layer.sendRequest(Messages.request("OPTIONS", "sip:bob@tls-only.example.com", "c", 1), tu);

        assertEquals(List.of(503), tu.statuses());
        assertEquals(Optional.of(TransactionFailure.NO_TARGET), tx.failure());
        assertTrue(first.received.isEmpty());
    }

    @Test
    void rfc3261_8_1_2_looseRoute_nextHopIsTheTopRoute() {
        SipRequest request = Messages.request("OPTIONS", "sip:bob@far.example.com", "c", 1);
        request.addHeader(HeaderNames.ROUTE, "<sip:127.0.0.3;lr>");
        a.layer.sendRequest(request, tu);

        assertEquals("sip:127.0.0.3;lr", h.resolver.queries().get(0).toString());
        assertEquals(1, second.requests("OPTIONS").size());
        assertEquals("sip:bob@far.example.com", ((SipRequest) second.last("OPTIONS").message()).requestUri().toString());
    }

    @Test
    void rfc3261_8_1_2_strictRouteAlreadyRewritten_nextHopIsTheRequestUri() {
        SipRequest request = Messages.request("OPTIONS", "sip:127.0.0.2", "c", 1);
        request.addHeader(HeaderNames.ROUTE, "<sip:127.0.0.3>");
        request.addHeader(HeaderNames.ROUTE, "<sip:bob@far.example.com>");
        a.layer.sendRequest(request, tu);

        assertEquals("sip:127.0.0.2", h.resolver.queries().get(0).toString());
        assertEquals(1, first.requests("OPTIONS").size());
    }

    @Test
    void rfc3261_8_1_2_telRequestUriWithoutRoute_synthesized503() {
        SipRequest request = new SipRequest(SipMethod.OPTIONS, org.strowger.sip.message.api.Uri.parse("tel:+15551234"));
        request.addHeader(HeaderNames.FROM, "<sip:alice@example.com>;tag=1");
        request.addHeader(HeaderNames.TO, "<tel:+15551234>");
        request.addHeader(HeaderNames.CALL_ID, "tel-call");
        request.addHeader(HeaderNames.CSEQ, "1 OPTIONS");
        request.addHeader(HeaderNames.MAX_FORWARDS, "70");
        ClientTransaction tx = a.layer.sendRequest(request, tu);

        assertEquals(List.of(503), tu.statuses());
        assertEquals(Optional.of(TransactionFailure.NO_TARGET), tx.failure());
    }

    @Test
    void explicitNextHop_resolvedInsteadOfTheRequest() {
        a.layer.sendRequest(Messages.request("OPTIONS", "sip:bob@far.example.com", "c", 1), SipUri.parse("sip:127.0.0.3"), tu);

        assertEquals(1, second.requests("OPTIONS").size());
    }

    @Test
    void explicitDestination_noResolutionNoFailover() {
        ClientTransaction tx = a.layer.sendRequest(Messages.request("OPTIONS", "sip:bob@far.example.com", "c", 1),
                Harness.address("127.0.0.2"), Transport.TCP, tu);

        assertTrue(h.resolver.queries().isEmpty());
        assertEquals(Transport.TCP, first.last("OPTIONS").flow().transport());
        assertEquals("TCP", first.last("OPTIONS").message().topVia().transport());
        first.respond(first.last("OPTIONS"), 503, "f");
        assertEquals(List.of(503), tu.statuses());
        assertEquals(TransactionState.TERMINATED, tx.state());
    }

    @Test
    void ackAndCancelAreNotSentInClientTransactions() {
        SipRequest ack = Messages.request("ACK", "sip:bob@127.0.0.2", "c", 1);
        SipRequest cancel = Messages.request("CANCEL", "sip:bob@127.0.0.2", "c", 1);
        try {
            a.layer.sendRequest(ack, tu);
            throw new AssertionError("ACK accepted");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("sendStateless"));
        }
        try {
            a.layer.sendRequest(cancel, tu);
            throw new AssertionError("CANCEL accepted");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("cancel"));
        }
    }

    @Test
    void rfc3261_17_sendStateless_ackFor2xxWithItsOwnBranchToTheFirstTarget() throws Exception {
        SipRequest ack = Messages.request("ACK", "sip:bob@pool.example.com", "call-s", 1);
        Flow flow = a.layer.sendStateless(ack).toCompletableFuture().get();

        assertEquals(first.address, flow.remote());
        SipRequest received = (SipRequest) first.last("ACK").message();
        assertTrue(received.topVia().hasMagicCookie());
        assertEquals(1, received.vias().size());
        assertTrue(second.received.isEmpty());
        assertEquals(0, a.layer.transactions().size(), "no transaction");

        assertTrue(ack.vias().isEmpty(), "the caller's ACK is not modified");

        a.layer.sendStateless(ack).toCompletableFuture().get();
        a.layer.sendStateless(ack).toCompletableFuture().get();
        assertEquals(3, first.requests("ACK").size());
        for (var m : first.requests("ACK")) {
            assertEquals(1, m.message().vias().size(), "the same ACK object resent: still one Via");
        }
        assertEquals(3, first.requests("ACK").stream().map(m -> m.message().topVia().branch()).distinct().count(),
                "a fresh branch each time");
        assertTrue(ack.vias().isEmpty());
    }

    @Test
    void rfc3261_8_1_1_7_sendRequest_callersRequestNotModified_sameObjectSentAgainCarriesOneVia() {
        SipRequest request = Messages.request("OPTIONS", "sip:bob@pool.example.com", "call-again", 1);
        RecordingClientUser tu1 = new RecordingClientUser();
        ClientTransaction tx1 = a.layer.sendRequest(request, tu1);
        assertTrue(request.vias().isEmpty(), "the layer works on a copy");
        assertEquals(1, tx1.request().vias().size());
        h.advance(Duration.ofSeconds(32));
        assertEquals(1, second.requests("OPTIONS").size(), "failover to the second target");
        second.respond(second.last("OPTIONS"), 200, "s");
        assertEquals(List.of(200), tu1.statuses());

        RecordingClientUser tu2 = new RecordingClientUser();
        ClientTransaction tx2 = a.layer.sendRequest(request, tu2);
        assertTrue(request.vias().isEmpty());
        List<SipRequest> sent = java.util.stream.Stream.concat(first.requests("OPTIONS").stream(),
                second.requests("OPTIONS").stream()).map(m -> (SipRequest) m.message()).toList();
        assertTrue(sent.size() >= 3, "first target with retransmissions, second target, and the resend: " + sent.size());
        for (SipRequest r : sent) {
            assertEquals(1, r.vias().size(), "every attempt and retransmission carries exactly one Via: " + r.vias());
        }
        assertEquals(tx2.branch(), first.last("OPTIONS").message().topVia().branch());
        assertNotEquals(tx1.branch(), tx2.branch());
    }

    @Test
    void sendStateless_resolutionFailure_failsTheStage() {
        CompletableFuture<Flow> f = a.layer.sendStateless(Messages.request("ACK", "sip:bob@nowhere.invalid", "c", 1))
                .toCompletableFuture();

        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, f::get);
        assertTrue(e.getCause() instanceof SipResolutionException, e.toString());
        assertFalse(first.received.size() > 0);
    }
}
