package org.strowger.sip.transport.internal;

import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.platform.api.Cancellable;
import org.strowger.platform.api.TimerService;

/**
 * The IP addresses of this machine, for the RFC 3261 §18.1.2 check of a response's Via sent-by on a
 * listener bound to the wildcard address. {@link #contains} runs on the I/O threads for every
 * response: it is a lookup in an immutable snapshot and makes no system call, whatever address an
 * attacker puts in the Via. The snapshot holds the addresses of every network interface plus the
 * bound and advertised IP addresses of the listeners; it is taken when the transport starts and
 * again every refresh interval, on the shared timer and an executor that is not an I/O thread, so an
 * address added to an interface is recognised within one interval.
 */
final class LocalAddresses {

    private static final Logger LOG = LoggerFactory.getLogger(LocalAddresses.class);

    private final Supplier<Collection<InetAddress>> interfaceSource;
    private volatile Set<InetAddress> interfaces = Set.of();
    private volatile Set<InetAddress> ofListeners = Set.of();
    private volatile Set<InetAddress> snapshot = Set.of();
    private TimerService timer;
    private Duration interval;
    private Executor handOff;
    private volatile Cancellable next;
    private volatile boolean stopped;

    /** @param interfaceSource the addresses of the network interfaces (a system call; never on an I/O thread) */
    LocalAddresses(Supplier<Collection<InetAddress>> interfaceSource) {
        this.interfaceSource = interfaceSource;
        refresh();
    }

    /** A snapshot of the machine's interface addresses. */
    static LocalAddresses ofSystem() {
        return new LocalAddresses(LocalAddresses::systemInterfaces);
    }

    /** Whether {@code ip} is an address of this machine: loopback, wildcard or in the snapshot. No system call. */
    boolean contains(InetAddress ip) {
        InetAddress key = ip instanceof Inet6Address v6 && v6.getScopeId() != 0 ? normalized(ip) : ip;
        return ip.isLoopbackAddress() || ip.isAnyLocalAddress() || snapshot.contains(key);
    }

    /** Reads the interface addresses again (a system call: call it off the I/O threads). Keeps the last snapshot on error. */
    void refresh() {
        try {
            Set<InetAddress> fresh = normalize(interfaceSource.get());
            if (!fresh.equals(interfaces)) {
                LOG.debug("local addresses now {}", fresh);
            }
            interfaces = fresh;
        } catch (RuntimeException e) {
            LOG.warn("cannot list the network interfaces, keeping the previous local addresses: {}", e.toString());
        }
        publish();
    }

    /** The bound (non-wildcard) and advertised IP addresses of the open listeners; no system call. */
    void setListenerAddresses(Collection<InetAddress> addresses) {
        ofListeners = normalize(addresses);
        publish();
    }

    private synchronized void publish() {
        Set<InetAddress> all = new HashSet<>(interfaces);
        all.addAll(ofListeners);
        snapshot = Set.copyOf(all);
    }

    /**
     * Refreshes every {@code interval} on {@code timer}, running the refresh on {@code executor} (not an
     * I/O thread). The next refresh is scheduled even when the executor refuses one.
     */
    void start(TimerService timer, Executor executor, Duration interval) {
        this.timer = timer;
        this.interval = interval;
        this.handOff = task -> {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                scheduleNext();
                throw e;
            }
        };
        stopped = false;
        scheduleNext();
    }

    private void scheduleNext() {
        if (!stopped) {
            next = timer.schedule(interval, handOff, this::refreshAndScheduleNext);
        }
    }

    private void refreshAndScheduleNext() {
        try {
            refresh();
        } finally {
            scheduleNext();
        }
    }

    /** Stops the periodic refresh. */
    void stop() {
        stopped = true;
        Cancellable c = next;
        if (c != null) {
            c.cancel();
        }
    }

    private static Set<InetAddress> normalize(Collection<InetAddress> addresses) {
        return addresses.stream().map(LocalAddresses::normalized).collect(Collectors.toUnmodifiableSet());
    }

    /** Without an IPv6 scope id, so that {@code fe80::1%eth0} and {@code fe80::1} are the same. */
    private static InetAddress normalized(InetAddress ip) {
        try {
            return InetAddress.getByAddress(ip.getAddress()); // bytes only: no lookup
        } catch (UnknownHostException e) {
            return ip;
        }
    }

    private static Collection<InetAddress> systemInterfaces() {
        try {
            return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses).toList();
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }
}
