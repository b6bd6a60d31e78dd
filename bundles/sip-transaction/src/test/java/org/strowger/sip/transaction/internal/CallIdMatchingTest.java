package org.strowger.sip.transaction.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;
import org.strowger.platform.api.SerialExecutors;
import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transaction.api.ClientTransaction;
import org.strowger.sip.transaction.api.ClientTransactionUser;
import org.strowger.sip.transaction.api.ServerTransaction;
import org.strowger.sip.transaction.api.TransactionState;
import org.strowger.sip.transaction.testkit.LoopbackSipTransport;
import org.strowger.sip.transaction.testkit.SequentialIds;
import org.strowger.platform.testkit.SimpleMetrics;
import org.strowger.sip.transport.api.InboundMessage;

/**
 * The Call-ID is part of every match (RFC 3261 §17.1.3, §17.2.3; §9.1 requires a CANCEL's Call-ID to be
 * the cancelled request's): a message whose branch collides with another call's transaction is not
 * taken for it. The layer here runs Call-ID {@code call-b} on executor B and every other Call-ID on
 * executor A, as the platform's serial executors would, and the test records on which executor each
 * callback runs: a colliding message must never reach call A's transaction from executor B.
 */
class CallIdMatchingTest {

    private static final String BRANCH = "z9hG4bK-collide";

    private final Harness h = new Harness();
    private final Harness.Peer peer = h.peer("127.0.0.2");
    private String running = "-";
    private final Executor executorA = named("A");
    private final Executor executorB = named("B");
    private final LoopbackSipTransport transport = new LoopbackSipTransport(h.network, Harness.address("127.0.0.1"));
    private final SimpleMetrics metrics = new SimpleMetrics();
    private final DefaultTransactionLayer layer = new DefaultTransactionLayer(transport, h.timers, new SerialExecutors() {
        @Override
        public Executor forKey(Object key) {
            return "call-b".equals(key) ? executorB : executorA;
        }

        @Override
        public int size() {
            return 2;
        }
    }, new SequentialIds("x"), metrics, h.clock, h.resolver, LayerSettings.DEFAULTS);
    private final RecordingServerUser user = new RecordingServerUser();
    /** "callback@executor" for every server TU callback. */
    private final List<String> serverCalls = new ArrayList<>();

    CallIdMatchingTest() {
        h.network.attach(transport.address(), layer);
        layer.setUser(new org.strowger.sip.transaction.spi.ServerTransactionUser() {
            @Override
            public void onRequest(ServerTransaction tx) {
                serverCalls.add("request " + tx.request().callId() + "@" + running);
                user.onRequest(tx);
            }

            @Override
            public void onCancel(ServerTransaction cancel, ServerTransaction cancelled) {
                serverCalls.add("cancel " + cancel.request().callId() + "@" + running);
                user.onCancel(cancel, cancelled);
            }

            @Override
            public void onAck(SipRequest ack, org.strowger.sip.transport.api.Flow flow) {
                serverCalls.add("ack " + ack.callId() + "@" + running);
                user.onAck(ack, flow);
            }

            @Override
            public void onStrayResponse(SipResponse response, org.strowger.sip.transport.api.Flow flow) {
                serverCalls.add("stray " + response.callId() + "@" + running);
                user.onStrayResponse(response, flow);
            }
        });
    }

    /** An executor on the test's trampoline that marks which of the two is running a task. */
    private Executor named(String name) {
        return task -> h.executor.execute(() -> {
            String previous = running;
            running = name;
            try {
                task.run();
            } finally {
                running = previous;
            }
        });
    }

    private SipRequest incoming(String method, String callId) {
        return Messages.incoming(method, callId, 1, BRANCH);
    }

    @Test
    void rfc3261_17_1_3_responseWithCollidingBranchButOtherCallId_isStrayOnItsOwnExecutor() {
        List<String> clientCalls = new ArrayList<>();
        ClientTransaction tx = layer.sendRequest(Messages.request("OPTIONS", "sip:bob@127.0.0.2", "call-a", 1),
                new ClientTransactionUser() {
                    @Override
                    public void onResponse(ClientTransaction t, SipResponse r) {
                        clientCalls.add(r.statusCode() + " " + r.callId() + "@" + running);
                    }
                });
        InboundMessage options = peer.last("OPTIONS");

        SipResponse otherCall = Messages.response((SipRequest) options.message(), 200, "t");
        otherCall.setHeader(HeaderNames.CALL_ID, "call-b");
        peer.respond(options, otherCall);
        assertEquals(List.of(), clientCalls, "same branch and method, other Call-ID: not call A's transaction");
        assertEquals(List.of("stray call-b@B"), serverCalls);
        assertEquals(TransactionState.TRYING, tx.state());

        peer.respond(options, 200, "t");
        assertEquals(List.of("200 call-a@A"), clientCalls);
        assertEquals(TransactionState.COMPLETED, tx.state());
    }

    @Test
    void rfc3261_17_2_3_requestWithCollidingBranchButOtherCallId_isNewTransaction_ackMatchesOnlyItsOwnCall() {
        peer.send(incoming("INVITE", "call-a"), Harness.address("127.0.0.1"));
        peer.send(incoming("INVITE", "call-b"), Harness.address("127.0.0.1"));

        assertEquals(List.of("request call-a@A", "request call-b@B"), serverCalls, "two calls, two transactions");
        assertEquals(2, layer.transactions().size());
        ServerTransaction a = user.requests.get(0);
        ServerTransaction b = user.requests.get(1);
        a.respond(Messages.response(a.request(), 486, "a-tag"));
        b.respond(Messages.response(b.request(), 486, "b-tag"));

        peer.send(incoming("ACK", "call-b"), Harness.address("127.0.0.1"));
        assertEquals(TransactionState.CONFIRMED, b.state());
        assertEquals(TransactionState.COMPLETED, a.state(), "call B's ACK does not confirm call A's INVITE");

        peer.send(incoming("ACK", "call-a"), Harness.address("127.0.0.1"));
        assertEquals(TransactionState.CONFIRMED, a.state());
        assertEquals(2, serverCalls.size(), "both ACKs were absorbed by their own transactions");
    }

    @Test
    void rfc3261_9_1_cancelWithCollidingBranchButOtherCallId_481_inviteUntouched() {
        peer.send(incoming("INVITE", "call-a"), Harness.address("127.0.0.1"));
        ServerTransaction invite = user.last();
        peer.send(incoming("CANCEL", "call-b"), Harness.address("127.0.0.1"));

        assertTrue(user.cancels.isEmpty(), "§9.1: a CANCEL carries the Call-ID of the request it cancels");
        assertEquals(List.of(481), peer.responses().stream().map(SipResponse::statusCode).toList());
        assertEquals("call-b", peer.responses().get(0).callId());
        assertEquals(TransactionState.PROCEEDING, invite.state());
        assertEquals(List.of("request call-a@A"), serverCalls);

        peer.send(incoming("CANCEL", "call-a"), Harness.address("127.0.0.1"));
        assertEquals(List.of("request call-a@A", "cancel call-a@A"), serverCalls);
        assertEquals(invite, user.cancels.get(0).cancelled());
    }
}
