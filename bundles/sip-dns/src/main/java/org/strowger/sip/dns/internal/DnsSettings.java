package org.strowger.sip.dns.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Address;

/**
 * The validated {@link DnsConfig}. Constructing one checks every value and fails with a message naming
 * the attribute, the PID and what is allowed, so that an operator can fix the file.
 *
 * @param servers   the DNS servers; empty = the system's (dnsjava {@code ResolverConfig})
 * @param hostsFile the hosts file, or empty for none
 */
record DnsSettings(List<InetSocketAddress> servers, Duration queryTimeout, int attempts, int cacheSize,
        Duration maxTtl, Duration maxNegativeTtl, boolean useNaptr, boolean ipv6, boolean preferIpv6,
        Optional<Path> hostsFile, int maxPendingResolutions, int threads) {

    DnsSettings {
        servers = List.copyOf(servers);
        range("queryTimeout", queryTimeout.toMillis(), 10, 60_000);
        range("attempts", attempts, 1, 10);
        range("cacheSize", cacheSize, 0, 10_000_000);
        range("maxTtl", maxTtl.toSeconds(), 0, 604_800);
        range("maxNegativeTtl", maxNegativeTtl.toSeconds(), 0, 86_400);
        range("maxPendingResolutions", maxPendingResolutions, 1, 1_000_000);
        range("threads", threads, 1, 64);
        if (!ipv6 && preferIpv6) {
            throw invalid("preferIpv6", "true", "needs ipv6=true");
        }
    }

    static DnsSettings from(DnsConfig c) {
        String hosts = c.hostsFile() == null ? "" : c.hostsFile().trim();
        return new DnsSettings(parseServers(c.servers()), Duration.ofMillis(c.queryTimeout()), c.attempts(),
                c.cacheSize(), Duration.ofSeconds(c.maxTtl()), Duration.ofSeconds(c.maxNegativeTtl()), c.useNaptr(),
                c.ipv6(), c.preferIpv6(), hosts.isEmpty() ? Optional.empty() : Optional.of(Path.of(hosts)),
                c.maxPendingResolutions(), c.threads());
    }

    /** The defaults of {@link DnsConfig}, with the given servers. */
    static DnsSettings defaults(List<InetSocketAddress> servers) {
        return new DnsSettings(servers, Duration.ofMillis(2000), 2, 10000, Duration.ofSeconds(3600),
                Duration.ofSeconds(300), true, true, false, Optional.of(Path.of("/etc/hosts")), 1000, 2);
    }

    DnsSettings withQueryTimeout(Duration timeout, int attempts) {
        return new DnsSettings(servers, timeout, attempts, cacheSize, maxTtl, maxNegativeTtl, useNaptr, ipv6,
                preferIpv6, hostsFile, maxPendingResolutions, threads);
    }

    DnsSettings withCache(int size, Duration maxTtl, Duration maxNegativeTtl) {
        return new DnsSettings(servers, queryTimeout, attempts, size, maxTtl, maxNegativeTtl, useNaptr, ipv6,
                preferIpv6, hostsFile, maxPendingResolutions, threads);
    }

    DnsSettings withLookups(boolean useNaptr, boolean ipv6, boolean preferIpv6) {
        return new DnsSettings(servers, queryTimeout, attempts, cacheSize, maxTtl, maxNegativeTtl, useNaptr, ipv6,
                preferIpv6, hostsFile, maxPendingResolutions, threads);
    }

    DnsSettings withMaxPendingResolutions(int max) {
        return new DnsSettings(servers, queryTimeout, attempts, cacheSize, maxTtl, maxNegativeTtl, useNaptr, ipv6,
                preferIpv6, hostsFile, max, threads);
    }

    DnsSettings withHostsFile(Optional<Path> file) {
        return new DnsSettings(servers, queryTimeout, attempts, cacheSize, maxTtl, maxNegativeTtl, useNaptr, ipv6,
                preferIpv6, file, maxPendingResolutions, threads);
    }

    /**
     * Parses {@code IP}, {@code IP:port}, {@code [IPv6]} or {@code [IPv6]:port} (port 53 when absent). Names
     * are refused: resolving them would need the DNS being configured.
     */
    static List<InetSocketAddress> parseServers(String[] values) {
        List<InetSocketAddress> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        for (String raw : values) {
            String v = raw == null ? "" : raw.trim();
            if (v.isEmpty()) {
                continue;
            }
            String host = v;
            int port = 53;
            if (v.startsWith("[")) {
                int close = v.indexOf(']');
                if (close < 0) {
                    throw invalid("servers", v, "missing ']' in an IPv6 server");
                }
                host = v.substring(1, close);
                String rest = v.substring(close + 1);
                if (!rest.isEmpty()) {
                    port = port(v, rest.startsWith(":") ? rest.substring(1) : rest);
                }
            } else if (v.indexOf(':') >= 0 && v.indexOf(':') == v.lastIndexOf(':')) {
                host = v.substring(0, v.indexOf(':'));
                port = port(v, v.substring(v.indexOf(':') + 1));
            }
            out.add(new InetSocketAddress(literal(v, host), port));
        }
        return out;
    }

    private static InetAddress literal(String value, String host) {
        byte[] bytes = Address.toByteArray(host, Address.IPv4);
        if (bytes == null) {
            bytes = Address.toByteArray(host, Address.IPv6);
        }
        if (bytes == null) {
            throw invalid("servers", value, "must be an IP address, optionally with :port (no host names)");
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw invalid("servers", value, e.getMessage());
        }
    }

    private static int port(String value, String text) {
        try {
            int p = Integer.parseInt(text);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid("servers", value, "port must be between 1 and 65535");
    }

    private static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw invalid(name, Long.toString(value), "must be between " + min + " and " + max);
        }
    }

    private static IllegalArgumentException invalid(String name, String value, String why) {
        return new IllegalArgumentException("Invalid " + DnsConfig.PID + " " + name + "=" + value + ": " + why
                + "; fix etc/" + DnsConfig.PID + ".cfg");
    }
}
