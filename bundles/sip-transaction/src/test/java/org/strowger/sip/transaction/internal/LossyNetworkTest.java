package org.strowger.sip.transaction.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.SipUri;
import org.strowger.sip.transaction.api.ClientTransaction;
import org.strowger.sip.transaction.api.ServerTransaction;
import org.strowger.sip.transaction.api.TransactionState;

/**
 * Two layers back to back over UDP that loses, or duplicates, datagrams: the RFC 3261 §17
 * retransmission rules must carry every transaction to its end, with each request reaching the server
 * TU once. The server TU retransmits its 2xx until the ACK (§13.3.1.4) and the client TU ACKs every
 * 2xx statelessly (§13.2.2.4), as the dialog layer does.
 */
class LossyNetworkTest {

    private static final int CALLS = 150;

    private final Harness h = new Harness(20260401);
    private final Harness.Node a = h.node("127.0.0.1");
    private final Harness.Node b = h.node("127.0.0.2");
    private final Set<String> acked = new HashSet<>();
    private final Map<String, Integer> requestsPerCall = new HashMap<>();

    private void serverAnswers() {
        b.user.acking(ack -> acked.add(ack.callId()));
        b.user.answering(tx -> {
            requestsPerCall.merge(tx.request().callId() + " " + tx.request().method(), 1, Integer::sum);
            String user = ((SipUri) tx.request().requestUri()).user();
            if (!SipMethod.INVITE.equals(tx.request().method())) {
                tx.respond(Messages.response(tx.request(), 200, "srv"));
            } else if (user.equals("busy")) {
                tx.respond(Messages.response(tx.request(), 486, "srv"));
            } else {
                SipResponse ok = Messages.response(tx.request(), 200, "srv");
                tx.respond(ok);
                retransmit2xx(tx, ok, Duration.ofMillis(500));
            }
        });
    }

    /** RFC 3261 §13.3.1.4: the UAS core retransmits the 2xx, T1 doubling up to T2, until the ACK. */
    private void retransmit2xx(ServerTransaction tx, SipResponse ok, Duration interval) {
        String callId = tx.request().callId();
        h.timers.schedule(interval, b.layer.executorFor(callId), () -> {
            if (!acked.contains(callId) && tx.state() == TransactionState.ACCEPTED) {
                tx.respond(ok);
                Duration next = interval.multipliedBy(2);
                retransmit2xx(tx, ok, next.compareTo(Duration.ofSeconds(4)) > 0 ? Duration.ofSeconds(4) : next);
            }
        });
    }

    /** The UAC core's ACK for a 2xx (RFC 3261 §13.2.2.4), sent for each 2xx received. */
    private RecordingClientUser clientUser() {
        return new RecordingClientUser().onEach((tx, response) -> {
            if (response.statusCode() >= 200 && response.statusCode() < 300
                    && SipMethod.INVITE.equals(response.cseq().method())) {
                SipRequest invite = tx.request();
                SipRequest ack = new SipRequest(SipMethod.ACK, invite.requestUri());
                ack.addHeader(HeaderNames.MAX_FORWARDS, "70");
                ack.addHeader(HeaderNames.FROM, invite.header(HeaderNames.FROM));
                ack.addHeader(HeaderNames.TO, response.header(HeaderNames.TO));
                ack.addHeader(HeaderNames.CALL_ID, invite.callId());
                ack.addHeader(HeaderNames.CSEQ, invite.cseq().sequence() + " ACK");
                a.layer.sendStateless(ack);
            }
        });
    }

    private record Call(String kind, ClientTransaction tx, RecordingClientUser tu) {
    }

    private List<Call> placeCalls() {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            String kind = switch (i % 3) {
                case 0 -> "options";
                case 1 -> "busy";
                default -> "answer";
            };
            RecordingClientUser tu = clientUser();
            String callId = "call-" + i;
            SipRequest request = kind.equals("options")
                    ? Messages.request("OPTIONS", b.uri("options"), callId, 1)
                    : Messages.invite(b.uri(kind), callId);
            calls.add(new Call(kind, a.layer.sendRequest(request, tu), tu));
            h.advanceMillis(100);
        }
        h.advance(Duration.ofMinutes(5));
        return calls;
    }

    @Test
    void rfc3261_17_tenPercentLossBothWays_everyTransactionCompletes() {
        h.network.loss(0.10);
        serverAnswers();
        List<Call> calls = placeCalls();

        double lossRate = h.network.lost() / (double) (h.network.lost() + h.network.delivered());
        assertTrue(lossRate > 0.07 && lossRate < 0.13, "the network really lost about 10 %: " + lossRate);
        for (Call call : calls) {
            String id = call.tx().request().callId();
            assertTrue(call.tu().finals() >= 1, id + " got no final response");
            assertTrue(call.tx().failure().isEmpty(), id + " failed: " + call.tu().statuses());
            int expected = switch (call.kind()) {
                case "options" -> 200;
                case "busy" -> 486;
                default -> 200;
            };
            assertEquals(expected, call.tu().responses.stream().filter(r -> r.statusCode() >= 200).findFirst()
                    .orElseThrow().statusCode(), id);
            if (!call.kind().equals("answer")) {
                assertEquals(1, call.tu().finals(), id + ": a non-2xx final reaches the TU once");
            } else {
                assertTrue(acked.contains(id), id + ": the 2xx was never ACKed");
            }
            assertEquals(TransactionState.TERMINATED, call.tx().state(), id);
            assertEquals(1, call.tu().terminated, id);
        }
        assertTrue(requestsPerCall.values().stream().allMatch(n -> n == 1), "each request reached the TU once");
        assertEquals(CALLS, requestsPerCall.size());
        assertTrue(b.user.failures.isEmpty(), "every non-2xx final was ACKed: " + b.user.failures);
        assertEquals(0, a.layer.transactions().size(), "client table empty");
        assertEquals(0, b.layer.transactions().size(), "server table empty");
        assertTrue(a.metric("retransmissions_sent") > 0);
        assertTrue(b.metric("retransmissions_absorbed") > 0);
    }

    @Test
    void rfc3261_17_everyDatagramDuplicated_duplicatesAbsorbed() {
        h.network.duplication(1.0);
        serverAnswers();
        List<Call> calls = placeCalls();

        for (Call call : calls) {
            if (!call.kind().equals("answer")) {
                assertEquals(1, call.tu().finals(), call.tx().request().callId());
            }
            assertTrue(call.tx().failure().isEmpty());
        }
        assertTrue(requestsPerCall.values().stream().allMatch(n -> n == 1), "duplicates never reach the TU");
        assertTrue(b.metric("retransmissions_absorbed") >= CALLS, "the server absorbed the copies");
        assertTrue(a.metric("retransmissions_absorbed") > 0, "the client absorbed copies of final responses");
        assertEquals(0, a.layer.transactions().size());
        assertEquals(0, b.layer.transactions().size());
    }

    @Test
    void rfc3261_17_delayedNetwork_slowerThanT1_stillOneRequestPerTransaction() {
        h.network.delay(Duration.ofMillis(700));
        serverAnswers();
        List<Call> calls = placeCalls();

        for (Call call : calls) {
            assertTrue(call.tu().finals() >= 1);
            assertTrue(call.tx().failure().isEmpty());
        }
        assertTrue(requestsPerCall.values().stream().allMatch(n -> n == 1));
        assertTrue(a.metric("retransmissions_sent") > 0, "T1 = 500 ms < 1.4 s round trip: retransmissions happened");
    }
}
