package org.strowger.sip.transport.internal;

import java.time.Duration;

/**
 * The validated {@link TransportConfig}. Constructing one checks every value and fails with a message
 * naming the attribute, the PID and the allowed range, so that an operator can fix the file.
 */
record TransportSettings(int maxMessageSize, int maxBodySize, int maxHeaderCount, int maxLineLength, int ioThreads,
        Duration tcpIdleTimeout, Duration tcpMessageTimeout, Duration localAddressRefresh, Duration tcpConnectTimeout,
        int maxConnections, int maxConnectionsPerSource,
        int maxPendingBytesPerConnection, boolean tcpKeepAlive, boolean rejectWithoutHandler, Duration shutdownTimeout) {

    /** Largest UDP payload over IPv4 (65535 - 8 UDP header - 20 IP header). */
    static final int MAX_DATAGRAM = 65507;

    TransportSettings {
        range("maxMessageSize", maxMessageSize, 512, 16 * 1024 * 1024);
        range("maxBodySize", maxBodySize, 0, maxMessageSize);
        range("maxHeaderCount", maxHeaderCount, 8, 100_000);
        range("maxLineLength", maxLineLength, 64, maxMessageSize);
        range("ioThreads", ioThreads, 0, 1024);
        range("tcpIdleTimeout", tcpIdleTimeout.toSeconds(), 1, 86_400);
        range("tcpMessageTimeout", tcpMessageTimeout.toSeconds(), 1, tcpIdleTimeout.toSeconds());
        range("localAddressRefresh", localAddressRefresh.toSeconds(), 1, 3600);
        range("tcpConnectTimeout", tcpConnectTimeout.toMillis(), 1, 600_000);
        range("maxConnections", maxConnections, 1, 10_000_000);
        range("maxConnectionsPerSource", maxConnectionsPerSource, 1, maxConnections);
        range("maxPendingBytesPerConnection", maxPendingBytesPerConnection, maxMessageSize, Integer.MAX_VALUE);
        range("shutdownTimeout", shutdownTimeout.toMillis(), 0, 600_000);
    }

    static TransportSettings from(TransportConfig c) {
        return new TransportSettings(c.maxMessageSize(), c.maxBodySize(), c.maxHeaderCount(), c.maxLineLength(),
                c.ioThreads(), Duration.ofSeconds(c.tcpIdleTimeout()), Duration.ofSeconds(c.tcpMessageTimeout()),
                Duration.ofSeconds(c.localAddressRefresh()), Duration.ofMillis(c.tcpConnectTimeout()),
                c.maxConnections(), c.maxConnectionsPerSource(), c.maxPendingBytesPerConnection(), c.tcpKeepAlive(),
                c.rejectWithoutHandler(), Duration.ofMillis(c.shutdownTimeout()));
    }

    /** The defaults of {@link TransportConfig}. */
    static TransportSettings defaults() {
        return new TransportSettings(65535, 65535, 256, 8192, 0, Duration.ofSeconds(300), Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofMillis(5000), 2048, 64, 1048576, true, true, Duration.ofMillis(2000));
    }

    int effectiveIoThreads() {
        return ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
    }

    private static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("Invalid " + TransportConfig.PID + " " + name + "=" + value
                    + ": must be between " + min + " and " + max + "; fix etc/" + TransportConfig.PID + ".cfg");
        }
    }
}
