package org.strowger.sip.dns.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real DNS server for the tests: {@code /usr/sbin/dnsmasq} on 127.0.0.1 and a free high port, serving
 * one zone authoritatively (so that negative answers carry the SOA that RFC 2308 caching needs) with
 * the records given as dnsmasq options. Started and stopped by the test, by its own process handle.
 */
final class Dnsmasq implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/dnsmasq");
    static final String ZONE = "example.test";

    private final Process process;
    private final int port;
    private final Path log;

    private Dnsmasq(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts dnsmasq serving {@link #ZONE} with answers valid for {@code ttlSeconds} (positive TTL, SOA TTL
     * and minimum), plus {@code records} ({@code --naptr-record=...}, {@code --srv-host=...} ...), and
     * waits (bounded) until it answers. Fails the test, saying how to install it, when dnsmasq is missing.
     */
    static Dnsmasq start(int ttlSeconds, List<String> records) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            fail(BINARY + " is missing: these tests need a real DNS server. Run .ci/run (it installs the Debian "
                    + "package dnsmasq-base) or: sudo apt-get install dnsmasq-base");
        }
        String lastLog = "";
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            Path log = Path.of("target", "dnsmasq-" + port + ".log");
            Files.createDirectories(log.getParent());
            List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--no-daemon", "--keep-in-foreground",
                    "--no-resolv", "--no-hosts", "--conf-file=/dev/null", "--bind-interfaces",
                    "--listen-address=127.0.0.1", "--port=" + port, "--local-ttl=" + ttlSeconds,
                    "--auth-server=ns." + ZONE + ",127.0.0.1", "--auth-zone=" + ZONE, "--auth-ttl=" + ttlSeconds,
                    "--log-queries"));
            if ("root".equals(System.getProperty("user.name"))) {
                cmd.add("--user=root");
            }
            cmd.addAll(records);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Dnsmasq server = new Dnsmasq(p, port, log);
            if (server.awaitReady()) {
                return server;
            }
            server.close();
            lastLog = Files.readString(log, StandardCharsets.UTF_8);
            if (!lastLog.contains("in use")) {
                break;
            }
        }
        fail("dnsmasq did not start; its output:\n" + lastLog);
        return null;
    }

    /** Polls the zone's SOA until dnsmasq answers: at most 100 tries of at most 100 ms. */
    private boolean awaitReady() throws InterruptedException {
        SimpleResolver probe = new SimpleResolver(address());
        probe.setTimeout(Duration.ofMillis(100));
        for (int i = 0; i < 100 && process.isAlive(); i++) {
            try {
                Message answer = probe.send(Message.newQuery(org.xbill.DNS.Record.newRecord(
                        Name.fromString(ZONE + "."), Type.SOA, DClass.IN)));
                if (answer.getRcode() == Rcode.NOERROR) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        return false;
    }

    int port() {
        return port;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Stops the server by its process (SIGTERM, then SIGKILL after 5 s). */
    @Override
    public void close() throws InterruptedException {
        ProcessHandle handle = process.toHandle();
        handle.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            handle.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return "dnsmasq pid=" + process.pid() + " port=" + port + " log=" + log;
    }

    /** A port free for both UDP and TCP on 127.0.0.1 (dnsmasq binds both). */
    static int freePort() throws IOException {
        for (int i = 0; i < 50; i++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                int port = udp.getLocalPort();
                try (ServerSocket tcp = new ServerSocket()) {
                    tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                    return port;
                } catch (IOException busy) {
                    // try another
                }
            }
        }
        throw new IOException("no free port on 127.0.0.1");
    }
}
