package org.strowger.sip.transport.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.strowger.sip.transport.api.Transport;

/**
 * The validated {@link ListenerConfig}: unique name, transport and bind address, and what to write as
 * Via sent-by. Validation messages name the listener, the attribute and what to do.
 *
 * @param advertisedHost null: derive it (see {@link ListenerConfig#advertisedHost()})
 * @param advertisedPort 0: the bound port
 * @param udp            socket options of a UDP listener
 */
record ListenerSettings(String name, Transport transport, InetSocketAddress bind, String advertisedHost,
        int advertisedPort, UdpOptions udp) {

    /** With the default UDP options. */
    ListenerSettings(String name, Transport transport, InetSocketAddress bind, String advertisedHost, int advertisedPort) {
        this(name, transport, bind, advertisedHost, advertisedPort, UdpOptions.DEFAULTS);
    }

    ListenerSettings {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(udp, "udp");
        if (name == null || name.isEmpty()) {
            throw invalid(name, "name", name, "the attribute is required: set name=<unique name> in the listener's .cfg file");
        }
        if (!name.chars().allMatch(ListenerSettings::isNameChar)) {
            throw invalid(name, "name", name, "use letters, digits, '-' and '_' only");
        }
        if (advertisedHost != null && (advertisedHost.isBlank() || advertisedHost.chars().anyMatch(c -> c <= ' ' || c == ';' || c == ','))) {
            throw invalid(name, "advertisedHost", advertisedHost, "use an IP address or a DNS name, or leave it empty");
        }
        if (advertisedPort < 0 || advertisedPort > 65535) {
            throw invalid(name, "advertisedPort", String.valueOf(advertisedPort), "use 1-65535, or 0 for the bound port");
        }
        if (udp.readers() < 0 || udp.readers() > UdpOptions.MAX_READERS) {
            throw invalid(name, "udpReaders", String.valueOf(udp.readers()),
                    "use 1-" + UdpOptions.MAX_READERS + ", or 0 for one socket per I/O thread");
        }
        bufferSize(name, "udpReceiveBuffer", udp.receiveBuffer());
        bufferSize(name, "udpSendBuffer", udp.sendBuffer());
    }

    static ListenerSettings from(ListenerConfig c) {
        String name = c.name() == null ? null : c.name().trim();
        Transport transport = Transport.fromToken(c.transport())
                .orElseThrow(() -> invalid(name, "transport", c.transport(), "use UDP or TCP"));
        InetAddress host = IpLiterals.parse(c.host() == null ? "" : c.host().trim());
        if (host == null) {
            throw invalid(name, "host", c.host(), "use an IP address such as 0.0.0.0, 127.0.0.1 or ::"
                    + " (check STROWGER_SIP_HOST if the file uses ${env:STROWGER_SIP_HOST})");
        }
        int port;
        try {
            port = Integer.parseInt(c.port() == null ? "" : c.port().trim());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw invalid(name, "port", c.port(), "use 1-65535, or 0 for any free port"
                    + " (check STROWGER_SIP_PORT if the file uses ${env:STROWGER_SIP_PORT})");
        }
        String advertised = c.advertisedHost() == null || c.advertisedHost().isBlank() ? null : c.advertisedHost().trim();
        return new ListenerSettings(name, transport, new InetSocketAddress(host, port), advertised, c.advertisedPort(),
                new UdpOptions(c.udpReaders(), c.udpReceiveBuffer(), c.udpSendBuffer()));
    }

    private static void bufferSize(String listener, String attribute, int bytes) {
        if (bytes < 0 || bytes > UdpOptions.MAX_BUFFER) {
            throw invalid(listener, attribute, String.valueOf(bytes), "use a size in bytes up to " + UdpOptions.MAX_BUFFER
                    + " (1 GiB), or 0 for the kernel default");
        }
    }

    private static boolean isNameChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    private static IllegalArgumentException invalid(String listener, String attribute, String value, String fix) {
        return new IllegalArgumentException("Invalid SIP listener '" + listener + "' (" + ListenerConfig.FACTORY_PID + "): "
                + attribute + "='" + value + "'; " + fix);
    }
}
