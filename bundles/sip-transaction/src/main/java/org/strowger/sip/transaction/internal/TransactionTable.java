package org.strowger.sip.transaction.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.strowger.sip.message.api.SipMethod;

/**
 * The live transactions of a layer, indexed for matching:
 * <ul>
 * <li>client transactions by top Via branch and CSeq method (RFC 3261 §17.1.3);</li>
 * <li>server transactions of requests with the magic cookie by {@link ServerMatching#key} (branch and
 * sent-by; a CANCEL's own transaction with {@code |CANCEL} appended, §17.2.3);</li>
 * <li>server transactions of RFC 2543 requests (no magic cookie) by Call-ID, compared one by one.</li>
 * </ul>
 * The maps are concurrent because many call executors use them at once; the entries of one Call-ID are
 * only ever touched by that call's executor. The count is what {@code maxTransactions} limits.
 */
final class TransactionTable {

    private final ConcurrentHashMap<String, ClientTransactionFsm<?, ?>> clients = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ServerTransactionFsm<?, ?>> servers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, List<ServerTransactionFsm<?, ?>>> legacy = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();

    static String clientKey(String branch, SipMethod method) {
        return branch + " " + method.name();
    }

    /** Live transactions (each counted from creation to Terminated). */
    int size() {
        return size.get();
    }

    void add(ClientTransactionFsm<?, ?> tx) {
        clients.put(clientKey(tx.branch(), tx.method), tx);
        size.incrementAndGet();
    }

    void remove(ClientTransactionFsm<?, ?> tx) {
        clients.remove(clientKey(tx.branch(), tx.method), tx);
        size.decrementAndGet();
    }

    ClientTransactionFsm<?, ?> client(String branch, SipMethod method) {
        return clients.get(clientKey(branch, method));
    }

    void add(ServerTransactionFsm<?, ?> tx) {
        if (tx.key() != null) {
            servers.put(tx.key(), tx);
        } else {
            legacy.computeIfAbsent(tx.callId, k -> new CopyOnWriteArrayList<>()).add(tx);
        }
        size.incrementAndGet();
    }

    void remove(ServerTransactionFsm<?, ?> tx) {
        if (tx.key() != null) {
            servers.remove(tx.key(), tx);
        } else {
            legacy.computeIfPresent(tx.callId, (k, list) -> {
                list.remove(tx);
                return list.isEmpty() ? null : list;
            });
        }
        size.decrementAndGet();
    }

    ServerTransactionFsm<?, ?> server(String key) {
        return servers.get(key);
    }

    /** The RFC 2543 server transactions of a call, oldest first. */
    List<ServerTransactionFsm<?, ?>> legacy(String callId) {
        List<ServerTransactionFsm<?, ?>> list = callId == null ? null : legacy.get(callId);
        return list == null ? List.of() : list;
    }

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
        legacy.clear();
        size.set(0);
    }
}
