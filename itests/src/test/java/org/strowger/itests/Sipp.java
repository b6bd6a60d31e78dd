package org.strowger.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * One SIPp process started by an integration test: its command line, a work folder with its
 * logs (screen, errors, every SIP message in and out, the statistics CSV), bounded waits, and a
 * stop by PID. SIPp itself is bounded by {@code -m} (calls), {@code -recv_timeout} and
 * {@code -timeout} with {@code -timeout_error}; the test additionally stops it by its PID
 * (SIGTERM, then SIGKILL) when it overruns or when the test ends.
 *
 * <p>A run that succeeded leaves nothing behind; a failed run keeps its work folder (under
 * {@link #LOGS_PROPERTY}, with a copy of karaf.log) and quotes the end of its logs in the
 * assertion message, so the SIP messages of the failure can be read in the test report.
 *
 * <pre>{@code
 * try (Sipp sipp = Sipp.uac("uac-call.xml", LOOPBACK + ":" + sipPort()).transport("u1").calls(5)
 *         .args("-d", "500").start()) {
 *     sipp.assertAllCallsSucceeded(Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class Sipp implements AutoCloseable {

    /** The loopback address SIPp binds to and talks to. */
    public static final String LOOPBACK = StrowgerTestSupport.LOOPBACK;

    /**
     * System property (in the container) with the folder where SIPp runs keep their logs; set
     * by the test classes to itests/target/sipp-logs, which outlives Pax Exam's Karaf folder.
     * Default: {@code karaf.data/sipp}.
     */
    public static final String LOGS_PROPERTY = "strowger.itest.sipp.logs";

    private static final int LOG_TAIL = 6_000;

    private final String scenario;
    private final List<String> command;
    private final Path work;
    private final Process process;
    private final int localPort;
    private final String transport;
    private boolean failed;

    private Sipp(String scenario, List<String> command, Path work, Process process, int localPort,
            String transport) {
        this.scenario = scenario;
        this.command = command;
        this.work = work;
        this.process = process;
        this.localPort = localPort;
        this.transport = transport;
    }

    /** The sipp binary on the PATH (Debian package sip-tester), or {@code null} when there is none. */
    public static String executable() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, "sipp");
            if (candidate.isFile() && candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        return null;
    }

    /** A scenario of src/test/resources/sipp (the folder the container gets from the test JVM). */
    public static File scenario(String name) {
        File file = new File(System.getProperty(StrowgerTestSupport.SIPP_SCENARIOS_PROPERTY,
                "src/test/resources/sipp"), name);
        assertTrue("SIPp scenario " + file, file.isFile());
        return file;
    }

    /** SIPp as a client running {@code scenario} against {@code remote} (host:port). */
    public static Builder uac(String scenario, String remote) {
        return new Builder(scenario, remote);
    }

    /** SIPp as a server running {@code scenario}, listening on 127.0.0.1:{@code port}. */
    public static Builder uas(String scenario, int port) {
        return new Builder(scenario, null).port(port);
    }

    /** The command line of a SIPp run; defaults: UDP ({@code u1}), 1 call, a free local port. */
    public static final class Builder {
        private final String scenario;
        private final String remote;
        private final List<String> extra = new ArrayList<>();
        private final Map<String, String> keys = new HashMap<>();
        private String transport = "u1";
        private int calls = 1;
        private String rate = "10";
        private String service = "echo";
        private int port;
        private Duration recvTimeout = Duration.ofSeconds(10);
        private Duration timeout = Duration.ofSeconds(30);

        private Builder(String scenario, String remote) {
            this.scenario = scenario;
            this.remote = remote;
        }

        /** {@code u1} (UDP, one socket) or {@code t1} (TCP, one connection). */
        public Builder transport(String sippTransport) {
            this.transport = sippTransport;
            return this;
        }

        /** {@code -m}: SIPp ends after this many calls. */
        public Builder calls(int count) {
            this.calls = count;
            return this;
        }

        /** {@code -r}: new calls per second (UAC). */
        public Builder rate(int callsPerSecond) {
            this.rate = Integer.toString(callsPerSecond);
            return this;
        }

        /** {@code -s}: the user part of the Request-URI ({@code [service]}); default {@code echo}. */
        public Builder service(String user) {
            this.service = user;
            return this;
        }

        /** {@code -p}: the local port; default a free one. */
        public Builder port(int localPort) {
            this.port = localPort;
            return this;
        }

        /** {@code -key name value}: a {@code [name]} keyword of the scenario. */
        public Builder key(String name, String value) {
            keys.put(name, value);
            return this;
        }

        /** {@code -recv_timeout}: a call fails when an expected message does not come within it. */
        public Builder recvTimeout(Duration duration) {
            this.recvTimeout = duration;
            return this;
        }

        /** {@code -timeout} with {@code -timeout_error}: SIPp gives up (and fails) after it. */
        public Builder timeout(Duration duration) {
            this.timeout = duration;
            return this;
        }

        /** More SIPp options, e.g. {@code "-d", "500"} or {@code "-lost", "10"}. */
        public Builder args(String... arguments) {
            extra.addAll(List.of(arguments));
            return this;
        }

        /** Starts SIPp in a new work folder under {@code karaf.data/sipp/}. */
        public Sipp start() throws IOException {
            String sipp = executable();
            assertTrue("sipp is not on the PATH (Debian package sip-tester)", sipp != null);
            File scenarioFile = scenario(scenario);
            int localPort = port != 0 ? port : StrowgerTestSupport.freeUdpAndTcpPort();
            Path root = logsFolder();
            Files.createDirectories(root);
            Path work = Files.createTempDirectory(root,
                    scenario.replace(".xml", "") + "-" + transport + "-");
            List<String> command = new ArrayList<>();
            command.add(sipp);
            if (remote != null) {
                command.add(remote);
            }
            command.addAll(List.of(
                    "-sf", scenarioFile.getAbsolutePath(),
                    "-t", transport,
                    "-i", LOOPBACK,
                    "-p", Integer.toString(localPort),
                    "-m", Integer.toString(calls),
                    "-recv_timeout", Long.toString(recvTimeout.toMillis()),
                    "-timeout", timeout.toSeconds() + "s", "-timeout_error",
                    "-nostdin",
                    "-trace_err", "-error_file", work.resolve("errors.log").toString(),
                    "-trace_msg", "-message_file", work.resolve("messages.log").toString(),
                    "-trace_stat", "-stf", work.resolve("stat.csv").toString()));
            if (remote != null) {
                command.addAll(List.of("-s", service, "-r", rate));
            }
            keys.forEach((name, value) -> command.addAll(List.of("-key", name, value)));
            command.addAll(extra);
            Process process = new ProcessBuilder(command)
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("screen.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            return new Sipp(scenario, command, work, process, localPort, transport);
        }
    }

    private static Path logsFolder() {
        String configured = System.getProperty(LOGS_PROPERTY);
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("karaf.data", "data"), "sipp");
    }

    /**
     * Copies the container's karaf.log into the logs folder ({@link #LOGS_PROPERTY}), which
     * outlives Pax Exam's Karaf folder, for a failure that happened outside a SIPp run (for
     * example the SIP stack not becoming ready); returns the copy.
     */
    public static Path saveKarafLog(String label) throws IOException {
        Path karafLog = Path.of(System.getProperty("karaf.data", "data"), "log", "karaf.log");
        Path root = logsFolder();
        Files.createDirectories(root);
        Path copy = Files.createTempFile(root, label + "-", "-karaf.log");
        if (Files.isRegularFile(karafLog)) {
            Files.copy(karafLog, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    /** The local port SIPp binds ({@code -p}). */
    public int port() {
        return localPort;
    }

    /**
     * Waits until SIPp has bound its port (a UAS must listen before the call is placed): the
     * port can no longer be bound here. Fails when SIPp exits first or after {@code timeout}.
     */
    public void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int poll = 0; poll < 1_000 && System.nanoTime() < deadline; poll++) {
            if (!process.isAlive()) {
                failed = true;
                fail("sipp exited (" + process.exitValue() + ") before listening on port " + localPort + "\n"
                        + report());
            }
            if (!bindable()) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        failed = true;
        fail("sipp did not listen on " + LOOPBACK + ":" + localPort + " within " + timeout + "\n" + report());
    }

    private boolean bindable() {
        InetSocketAddress address = new InetSocketAddress(LOOPBACK, localPort);
        try {
            if (transport.startsWith("t")) {
                try (ServerSocket probe = new ServerSocket()) {
                    probe.setReuseAddress(false);
                    probe.bind(address, 1);
                }
            } else {
                try (DatagramSocket probe = new DatagramSocket(null)) {
                    probe.setReuseAddress(false);
                    probe.bind(address);
                }
            }
            return true;
        } catch (BindException taken) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits for SIPp to exit and returns its exit code (0: every call succeeded, 1: at least one
     * failed, 97: stopped by an internal command, 99: normal exit without calls processed, -1:
     * fatal error; SIPp's own codes). Fails, and stops SIPp, when it runs longer than
     * {@code timeout}.
     */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            failed = true;
            stop();
            fail("sipp (pid " + process.pid() + ") did not exit within " + timeout + "\n" + report());
        }
        return process.exitValue();
    }

    /** Waits for SIPp to exit and asserts exit code 0: every call of the scenario succeeded. */
    public void assertAllCallsSucceeded(Duration timeout) throws InterruptedException {
        int exit = awaitExit(timeout);
        if (exit != 0) {
            failed = true;
        }
        assertEquals("sipp exit code for " + scenario + " over " + transport + "\n" + report(), 0, exit);
    }

    /** A counter of the final line of the statistics CSV, e.g. {@code SuccessfulCall(C)}; -1 if absent. */
    public long statistic(String column) {
        try {
            Path csv = work.resolve("stat.csv");
            if (!Files.isRegularFile(csv)) {
                return -1;
            }
            List<String> lines = Files.readAllLines(csv, StandardCharsets.ISO_8859_1);
            if (lines.size() < 2) {
                return -1;
            }
            List<String> header = List.of(lines.get(0).split(";"));
            String[] last = lines.get(lines.size() - 1).split(";");
            int index = header.indexOf(column);
            return index < 0 || index >= last.length ? -1 : Long.parseLong(last[index].trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** The command line, the end of the screen, of the error log and of the message log. */
    public String report() {
        return "command: " + String.join(" ", command)
                + "\nwork folder (kept when the run failed): " + work.toAbsolutePath()
                + "\n--- screen (end) ---\n" + tail(read("screen.log"))
                + "\n--- errors (end) ---\n" + tail(read("errors.log"))
                + "\n--- SIP messages (end) ---\n" + tail(read("messages.log"));
    }

    /** The SIP messages SIPp sent and received so far (its -trace_msg log). */
    public String messages() {
        return read("messages.log");
    }

    /** Marks the run failed: {@link #close()} keeps its work folder. */
    public void keepLogs() {
        failed = true;
    }

    /**
     * Stops SIPp by its PID if it still runs; deletes the work folder unless the run failed, in
     * which case Strowger's karaf.log is copied beside SIPp's logs.
     */
    @Override
    public void close() throws IOException {
        stop();
        if (failed) {
            Path karafLog = Path.of(System.getProperty("karaf.data", "data"), "log", "karaf.log");
            if (Files.isRegularFile(karafLog)) {
                Files.copy(karafLog, work.resolve("karaf.log"), StandardCopyOption.REPLACE_EXISTING);
            }
        } else {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** SIGTERM, then SIGKILL if SIPp does not exit within 5 s. */
    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String read(String file) {
        Path path = work.resolve(file);
        try {
            return Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(cannot read " + path + ": " + e + ")";
        }
    }

    private static String tail(String text) {
        return text.length() <= LOG_TAIL ? text : "..." + text.substring(text.length() - LOG_TAIL);
    }
}
