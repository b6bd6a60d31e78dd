package org.strowger.sip.transaction.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.transaction.testkit.LoopbackSipTransport;
import org.strowger.sip.transaction.testkit.SequentialIds;
import org.strowger.platform.testkit.SimpleMetrics;
import org.strowger.sip.transaction.testkit.SingleSerialExecutors;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.Transport;

/**
 * The indexes of {@link TransactionTable}: RFC 2543 server transactions (RFC 3261 §17.2.3 without the
 * magic cookie) by Call-ID and CSeq number, so matching compares only the few candidates with the
 * request's CSeq number instead of every transaction of the call; keys with the method; and the count
 * per source IP, from creation to Terminated.
 */
class TransactionTableTest {

    private final Harness h = new Harness();
    private final TransactionTable table = new TransactionTable();
    private final LayerContext ctx = new LayerContext(new LoopbackSipTransport(h.network, Harness.address("127.0.0.1")),
            h.timers, new CallExecutors(new SingleSerialExecutors(h.executor), h.timers), new SequentialIds("t"), h.clock,
            h.resolver, LayerSettings.DEFAULTS, new LayerMetrics(new SimpleMetrics()), table, new UserSlot(),
            new LiveRequests());

    private ServerTransactionFsm<?, ?> server(String method, String callId, long cseq, String branch, String from) {
        SipRequest request = Messages.incoming(method, callId, cseq, branch);
        ServerTransactionFsm<?, ?> tx = new NonInviteServerTransaction(ctx, request,
                new Flow(Transport.UDP, Harness.address("127.0.0.1"), Harness.address(from), 0));
        table.add(tx);
        return tx;
    }

    @Test
    void rfc3261_17_2_3_rfc2543_candidatesIndexedByCallIdAndCSeqNumber() {
        List<ServerTransactionFsm<?, ?>> all = new ArrayList<>();
        for (int cseq = 1; cseq <= 200; cseq++) {
            all.add(server("OPTIONS", "legacy-call", cseq, null, "127.0.0.2"));
        }
        ServerTransactionFsm<?, ?> sameNumber = server("INFO", "legacy-call", 77, null, "127.0.0.2");

        List<ServerTransactionFsm<?, ?>> candidates = table.legacy(new ServerMatching.LegacyKey("legacy-call", 77));
        assertEquals(List.of(all.get(76), sameNumber), candidates, "only the transactions with CSeq number 77");
        assertTrue(table.legacy(new ServerMatching.LegacyKey("other-call", 77)).isEmpty());
        assertEquals(201, table.size());

        table.remove(all.get(76));
        assertEquals(List.of(sameNumber), table.legacy(new ServerMatching.LegacyKey("legacy-call", 77)));
        table.remove(all.get(76));
        assertEquals(200, table.size(), "removing twice counts once");
    }

    @Test
    void rfc3261_17_2_3_keysCarryCallIdAndMethod_cancelTargetsPreferTheInvite() {
        ServerTransactionFsm<?, ?> options = server("OPTIONS", "k", 1, "z9hG4bK-k", "127.0.0.2");
        ServerTransactionFsm<?, ?> info = server("INFO", "k", 2, "z9hG4bK-k", "127.0.0.2");
        ServerMatching.Key cancel = new ServerMatching.Key("k", "z9hG4bK-k", "127.0.0.2:5060",
                org.strowger.sip.message.api.SipMethod.CANCEL);

        assertSame(options, table.server(ServerMatching.key(options.request)));
        assertSame(info, table.server(ServerMatching.key(info.request)), "another method: its own entry");
        assertSame(options, table.cancelTarget(cancel), "no INVITE: the first other request");
        assertEquals(null, table.server(new ServerMatching.Key("other", "z9hG4bK-k", "127.0.0.2:5060",
                org.strowger.sip.message.api.SipMethod.OPTIONS)), "another Call-ID: no match");
    }

    @Test
    void perSource_countedByTheFlowsRemoteIp_untilRemoved() {
        ServerTransactionFsm<?, ?> a = server("OPTIONS", "s1", 1, "z9hG4bK-s1", "127.0.0.2");
        server("OPTIONS", "s2", 1, "z9hG4bK-s2", "127.0.0.2");
        server("OPTIONS", "s3", 1, "z9hG4bK-s3", "127.0.0.3");

        assertEquals(2, table.fromSource("127.0.0.2"));
        assertEquals(1, table.fromSource("127.0.0.3"));
        table.remove(a);
        table.remove(a);
        assertEquals(1, table.fromSource("127.0.0.2"));
        assertEquals(0, table.fromSource("192.0.2.1"));
    }
}
