package org.strowger.sip.transport.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.strowger.sip.transport.api.ListenerInfo;
import org.strowger.sip.transport.api.Transport;

/** The open listeners by name. */
final class Listeners {

    private final ConcurrentMap<String, Listener> byName = new ConcurrentHashMap<>();
    private final LocalAddresses local;

    Listeners(LocalAddresses local) {
        this.local = local;
    }

    /** With a snapshot of this machine's interface addresses taken now. */
    Listeners() {
        this(LocalAddresses.ofSystem());
    }

    LocalAddresses local() {
        return local;
    }

    void add(Listener listener) {
        Listener previous = byName.putIfAbsent(listener.name(), listener);
        if (previous != null) {
            throw new IllegalStateException("SIP listener name '" + listener.name()
                    + "' is used by two configurations; give each etc/org.strowger.sip.transport.listener-*.cfg a unique name");
        }
        publishAddresses();
    }

    void remove(Listener listener) {
        if (byName.remove(listener.name(), listener)) {
            publishAddresses();
        }
    }

    private synchronized void publishAddresses() {
        local.setListenerAddresses(byName.values().stream().flatMap(l -> l.ownAddresses().stream()).toList());
    }

    List<Listener> all() {
        return byName.values().stream().sorted(Comparator.comparing(Listener::name)).toList();
    }

    boolean has(Transport transport) {
        return byName.values().stream().anyMatch(l -> l.transport() == transport);
    }

    /** The listener requests to {@code destination} leave from: first by name that can reach it. */
    Listener forSending(Transport transport, InetAddress destination) {
        Listener best = null;
        for (Listener l : byName.values()) {
            if (l.transport() == transport && l.canReach(destination)
                    && (best == null || l.name().compareTo(best.name()) < 0)) {
                best = l;
            }
        }
        return best;
    }

    /** The UDP listener bound to {@code local} (the socket a request arrived on, RFC 3581 §4). */
    Listener udpAt(InetSocketAddress local) {
        for (Listener l : byName.values()) {
            if (l.transport() == Transport.UDP && l.localAddress().equals(local)) {
                return l;
            }
        }
        return null;
    }

    /** Whether some listener would have written this Via sent-by (RFC 3261 §18.1.2); no system call. */
    boolean isOurSentBy(String host, int port) {
        for (Listener l : byName.values()) {
            if (l.isSentBy(host, port, local)) {
                return true;
            }
        }
        return false;
    }

    List<ListenerInfo> infos() {
        return all().stream().map(Listener::info).toList();
    }
}
