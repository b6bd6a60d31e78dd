package org.strowger.sip.transport.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which local address the operating system uses to reach a destination: for a listener bound to the
 * wildcard address that is what goes into the Via sent-by (RFC 3261 §18.1.1). Found by connecting
 * an unbound UDP socket (no packet is sent) and cached; the cache is bounded.
 */
final class LocalRoutes {

    private static final int MAX_CACHED = 4096;

    private final Map<InetAddress, InetAddress> cache = new ConcurrentHashMap<>();

    InetAddress localAddressFor(InetAddress destination) {
        InetAddress cached = cache.get(destination);
        if (cached != null) {
            return cached;
        }
        InetAddress local;
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(destination, 9));
            local = probe.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException("no route to " + destination.getHostAddress(), e);
        }
        if (local == null || local.isAnyLocalAddress()) {
            throw new UncheckedIOException(new IOException("no route to " + destination.getHostAddress()));
        }
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(destination, local);
        return local;
    }
}
