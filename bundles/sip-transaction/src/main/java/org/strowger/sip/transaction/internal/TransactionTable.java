package org.strowger.sip.transaction.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.transport.api.Flow;

/**
 * The live transactions of a layer, indexed for matching:
 * <ul>
 * <li>client transactions by Call-ID, top Via branch and CSeq method (RFC 3261 §17.1.3; the Call-ID so
 * that a response with a colliding branch from another call is stray, not this call's);</li>
 * <li>server transactions of requests with the magic cookie by {@link ServerMatching.Key} (Call-ID,
 * branch, sent-by, method, §17.2.3), and those a CANCEL may target other than INVITE also by the key
 * without the method (§9.2);</li>
 * <li>server transactions of RFC 2543 requests (no magic cookie) by Call-ID and CSeq number, the few
 * candidates then compared field by field.</li>
 * </ul>
 * The maps are concurrent because many call executors use them at once; the entries of one Call-ID are
 * only ever touched by that call's executor. The total is what {@code maxTransactions} limits; the
 * server transactions per source IP (the remote address of the request's flow) what
 * {@code maxTransactionsPerSource} limits. Both count from creation to Terminated.
 */
final class TransactionTable {

    /** The §17.1.3 identity of a client transaction, with the Call-ID. */
    record ClientKey(String callId, String branch, SipMethod method) {
    }

    private final ConcurrentHashMap<ClientKey, ClientTransactionFsm<?, ?>> clients = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ServerMatching.Key, ServerTransactionFsm<?, ?>> servers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ServerMatching.Key, ServerTransactionFsm<?, ?>> cancelTargets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ServerMatching.LegacyKey, List<ServerTransactionFsm<?, ?>>> legacy =
            new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> perSource = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();

    /** The source a server transaction is counted under: the IP of the flow's remote address. */
    static String source(Flow flow) {
        InetSocketAddress remote = flow.remote();
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    /** Live transactions (each counted from creation to Terminated). */
    int size() {
        return size.get();
    }

    /** Live server transactions whose request came from {@code source} (an IP, see {@link #source}). */
    int fromSource(String source) {
        Integer n = perSource.get(source);
        return n == null ? 0 : n;
    }

    // ------------------------------------------------------------------ client

    void add(ClientTransactionFsm<?, ?> tx) {
        clients.put(clientKey(tx), tx);
        size.incrementAndGet();
    }

    void remove(ClientTransactionFsm<?, ?> tx) {
        if (clients.remove(clientKey(tx), tx)) {
            size.decrementAndGet();
        }
    }

    ClientTransactionFsm<?, ?> client(String callId, String branch, SipMethod method) {
        return clients.get(new ClientKey(callId, branch, method));
    }

    private static ClientKey clientKey(ClientTransactionFsm<?, ?> tx) {
        return new ClientKey(tx.callId, tx.branch(), tx.method);
    }

    // ------------------------------------------------------------------ server

    void add(ServerTransactionFsm<?, ?> tx) {
        ServerMatching.Key key = tx.key();
        if (key != null) {
            servers.put(key, tx);
            if (isCancelTarget(tx)) {
                cancelTargets.putIfAbsent(withoutMethod(key), tx);
            }
        } else {
            legacy.computeIfAbsent(tx.legacyKey(), k -> new CopyOnWriteArrayList<>()).add(tx);
        }
        perSource.merge(tx.source(), 1, Integer::sum);
        size.incrementAndGet();
    }

    void remove(ServerTransactionFsm<?, ?> tx) {
        ServerMatching.Key key = tx.key();
        boolean removed;
        if (key != null) {
            removed = servers.remove(key, tx);
            if (isCancelTarget(tx)) {
                cancelTargets.remove(withoutMethod(key), tx);
            }
        } else {
            boolean[] found = new boolean[1];
            legacy.computeIfPresent(tx.legacyKey(), (k, list) -> {
                found[0] = list.remove(tx);
                return list.isEmpty() ? null : list;
            });
            removed = found[0];
        }
        if (removed) {
            perSource.computeIfPresent(tx.source(), (k, n) -> n <= 1 ? null : n - 1);
            size.decrementAndGet();
        }
    }

    /** The server transaction with that key (with the magic cookie), or {@code null}. */
    ServerTransactionFsm<?, ?> server(ServerMatching.Key key) {
        return servers.get(key);
    }

    /**
     * The transaction a CANCEL with the magic cookie cancels (§9.2: the §17.2.3 rules except the
     * method): the INVITE with the CANCEL's Call-ID, branch and sent-by, else another request's.
     */
    ServerTransactionFsm<?, ?> cancelTarget(ServerMatching.Key cancelKey) {
        ServerTransactionFsm<?, ?> invite = servers.get(new ServerMatching.Key(cancelKey.callId(), cancelKey.branch(),
                cancelKey.sentBy(), SipMethod.INVITE));
        return invite != null ? invite : cancelTargets.get(withoutMethod(cancelKey));
    }

    /** The RFC 2543 server transactions with that Call-ID and CSeq number, oldest first. */
    List<ServerTransactionFsm<?, ?>> legacy(ServerMatching.LegacyKey key) {
        List<ServerTransactionFsm<?, ?>> list = key == null ? null : legacy.get(key);
        return list == null ? List.of() : list;
    }

    private static boolean isCancelTarget(ServerTransactionFsm<?, ?> tx) {
        return !SipMethod.INVITE.equals(tx.method) && !SipMethod.CANCEL.equals(tx.method);
    }

    private static ServerMatching.Key withoutMethod(ServerMatching.Key key) {
        return new ServerMatching.Key(key.callId(), key.branch(), key.sentBy(), null);
    }

    // ------------------------------------------------------------------ all

    /** Every live transaction, oldest first. */
    List<AbstractTransaction<?, ?>> all() {
        List<AbstractTransaction<?, ?>> out = new ArrayList<>(clients.values());
        out.addAll(servers.values());
        legacy.values().forEach(out::addAll);
        out.sort(Comparator.comparingLong(AbstractTransaction::createdNanos));
        return out;
    }

    /** Forgets everything (the layer stopped). */
    void clear() {
        clients.clear();
        servers.clear();
        cancelTargets.clear();
        legacy.clear();
        perSource.clear();
        size.set(0);
    }
}
