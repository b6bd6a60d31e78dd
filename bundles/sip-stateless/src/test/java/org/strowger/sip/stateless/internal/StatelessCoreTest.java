package org.strowger.sip.stateless.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.strowger.platform.api.Counter;
import org.strowger.platform.api.Metrics;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.InboundMessage;
import org.strowger.sip.transport.api.ListenerInfo;
import org.strowger.sip.transport.api.SipTransport;
import org.strowger.sip.transport.api.Transport;

class StatelessCoreTest {

    /** Records what the core asks the transport to send; the wire itself is covered by the ITs. */
    static final class RecordingTransport implements SipTransport {
        final List<SipResponse> responses = new ArrayList<>();
        final List<Flow> flows = new ArrayList<>();

        @Override
        public CompletionStage<Flow> sendRequest(SipRequest request, InetSocketAddress destination,
                Transport transport) {
            throw new AssertionError("the stateless core never sends requests");
        }

        @Override
        public CompletionStage<Flow> sendResponse(SipResponse response, Flow requestFlow) {
            responses.add(response);
            flows.add(requestFlow);
            return CompletableFuture.completedFuture(requestFlow);
        }

        @Override
        public List<ListenerInfo> listeners() {
            return List.of();
        }
    }

    static final class MapMetrics implements Metrics {
        final TreeMap<String, long[]> values = new TreeMap<>();

        @Override
        public Counter counter(String name) {
            long[] v = values.computeIfAbsent(name, n -> new long[1]);
            return new Counter() {
                @Override
                public void increment() {
                    v[0]++;
                }

                @Override
                public void add(long delta) {
                    v[0] += delta;
                }

                @Override
                public long get() {
                    return v[0];
                }
            };
        }

        @Override
        public SortedMap<String, Long> snapshot() {
            TreeMap<String, Long> out = new TreeMap<>();
            values.forEach((k, v) -> out.put(k, v[0]));
            return out;
        }
    }

    private final RecordingTransport transport = new RecordingTransport();
    private final MapMetrics metrics = new MapMetrics();
    private final StatelessCore core = new StatelessCore(transport, metrics, new StatelessResponder(
            List.of("OPTIONS"), List.of("application/sdp"), List.of(), "Strowger"));
    private final Flow flow = new Flow(Transport.UDP, new InetSocketAddress("127.0.0.1", 5060),
            new InetSocketAddress("127.0.0.1", 5070), 0);

    @Test
    void answersOnTheFlowTheRequestCameIn() {
        core.onMessage(new InboundMessage(StatelessResponderTest.request("OPTIONS", ""), flow, 0));
        assertEquals(1, transport.responses.size());
        assertEquals(200, transport.responses.get(0).statusCode());
        assertSame(flow, transport.flows.get(0));
        assertEquals(1L, metrics.snapshot().get("sip.stateless.options_answered"));
    }

    @Test
    void rfc3261_8_2_7_ackIsAbsorbedAndCounted() {
        core.onMessage(new InboundMessage(StatelessResponderTest.request("ACK", ""), flow, 0));
        assertTrue(transport.responses.isEmpty());
        assertEquals(1L, metrics.snapshot().get("sip.stateless.ack_cancel_ignored"));
    }

    @Test
    void rfc3261_18_1_2_strayResponseIsDroppedAndCounted() {
        SipResponse stray = SipResponse.createFor(StatelessResponderTest.request("OPTIONS", ""), 200);
        core.onMessage(new InboundMessage(stray, flow, 0));
        assertTrue(transport.responses.isEmpty());
        assertEquals(1L, metrics.snapshot().get("sip.stateless.responses_dropped"));
    }
}
