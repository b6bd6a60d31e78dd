package org.strowger.sip.transport.internal;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.strowger.sip.transport.api.ListenerInfo;
import org.strowger.sip.transport.api.Transport;

/** A bound UDP socket or TCP server socket, with its counters and its Via sent-by. */
abstract class Listener {

    final ListenerSettings settings;
    private final ListenerCounters counters;
    /** The advertised host when it is an IP literal, else null. */
    private final InetAddress advertisedIp;
    volatile Channel channel;

    Listener(ListenerSettings settings, ListenerCounters counters) {
        this.settings = settings;
        this.counters = counters;
        this.advertisedIp = IpLiterals.parse(settings.advertisedHost());
    }

    String name() {
        return settings.name();
    }

    Transport transport() {
        return settings.transport();
    }

    ListenerCounters counters() {
        return counters;
    }

    /** The bound address (with the real port when port 0 was configured). */
    InetSocketAddress localAddress() {
        Channel ch = channel;
        return ch != null && ch.localAddress() instanceof InetSocketAddress bound ? bound : settings.bind();
    }

    /** The socket that sends to {@code destination}: the one socket, unless a subclass has several. */
    Channel channelFor(InetSocketAddress destination) {
        return channel;
    }

    boolean isWildcard() {
        return settings.bind().getAddress().isAnyLocalAddress();
    }

    /** Whether this listener can send to {@code destination} (same address family; loopback only to loopback). */
    boolean canReach(InetAddress destination) {
        InetAddress bound = settings.bind().getAddress();
        if (bound.getAddress().length != destination.getAddress().length) {
            return false;
        }
        return isWildcard() || !bound.isLoopbackAddress() || destination.isLoopbackAddress();
    }

    /** The host of the Via sent-by for a request to {@code destination} (RFC 3261 §18.1.1). */
    String sentByHost(InetAddress destination, LocalRoutes routes) {
        if (settings.advertisedHost() != null) {
            return settings.advertisedHost();
        }
        InetAddress local = isWildcard() ? routes.localAddressFor(destination) : settings.bind().getAddress();
        String text = IpLiterals.toText(local);
        return text.indexOf(':') >= 0 ? "[" + text + "]" : text;
    }

    /** The port of the Via sent-by. */
    int sentByPort() {
        return settings.advertisedPort() != 0 ? settings.advertisedPort() : localAddress().getPort();
    }

    /**
     * Whether a response's top Via sent-by is one this listener would have inserted (RFC 3261 §18.1.2):
     * the advertised host, the bound address, or for a wildcard bind any address of this machine
     * (looked up in the {@code local} snapshot: no system call on the I/O thread); an absent port means
     * the transport's default.
     */
    boolean isSentBy(String host, int port, LocalAddresses local) {
        int effectivePort = port > 0 ? port : transport().defaultPort();
        if (effectivePort != sentByPort() || host == null) {
            return false;
        }
        if (settings.advertisedHost() != null && settings.advertisedHost().equalsIgnoreCase(host)) {
            return true;
        }
        InetAddress ip = IpLiterals.parse(host);
        if (ip == null) {
            return false;
        }
        if (ip.equals(advertisedIp)) {
            return true; // the advertised IP written differently (IPv6 forms)
        }
        if (!isWildcard()) {
            return ip.equals(settings.bind().getAddress());
        }
        return local.contains(ip);
    }

    /** The IP addresses this listener presents as its own: a non-wildcard bind and an advertised IP literal. */
    List<InetAddress> ownAddresses() {
        List<InetAddress> own = new ArrayList<>(2);
        if (!isWildcard()) {
            own.add(settings.bind().getAddress());
        }
        if (advertisedIp != null) {
            own.add(advertisedIp);
        }
        return own;
    }

    ListenerInfo info() {
        return new ListenerInfo(name(), transport(), localAddress(), counters.messagesIn.get(),
                counters.messagesOut.get(), counters.parseErrors.get(), counters.dropped.get(),
                counters.openConnections.get());
    }

    /** Closes the socket (and for TCP every connection of this listener); waits a bounded time. */
    abstract void close();

    @Override
    public String toString() {
        return "listener=" + name() + " " + transport() + " " + localAddress();
    }
}
