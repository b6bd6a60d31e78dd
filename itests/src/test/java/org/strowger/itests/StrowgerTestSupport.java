package org.strowger.itests;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.ProbeBuilder;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.AllServiceListener;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Shared set-up of the Strowger integration tests (Pax Exam in the real distribution built by
 * karaf-assembly), in the spirit of Karaf's {@code KarafTestSupport}.
 *
 * <p>{@link #config()} runs in the test JVM: it picks free ports and rewrites the distribution's
 * configuration so that the two default SIP listeners ({@code udp}, {@code tcp}) bind to
 * 127.0.0.1 on one free port, the ssh shell on another, and passes those ports to the container
 * as system properties. The test methods run inside Karaf: they reach the server over the
 * loopback interface like any SIP peer (see {@link SipClient}) and use the shell and the service
 * registry. Every wait is bounded.
 */
public abstract class StrowgerTestSupport {

    /** System property (in the container) with the port of both SIP listeners. */
    public static final String SIP_PORT_PROPERTY = "strowger.itest.sip.port";
    /** System property (in the container) with the folder of the SIPp scenarios. */
    public static final String SIPP_SCENARIOS_PROPERTY = "strowger.itest.sipp.scenarios";
    /** System property (in the container) with the path of the example plugin jar. */
    public static final String EXAMPLE_PLUGIN_PROPERTY = "strowger.itest.example.plugin";

    /** The loopback address every test binds to and talks to. */
    public static final String LOOPBACK = "127.0.0.1";

    protected static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(30);
    protected static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    protected static final Duration SIP_TIMEOUT = Duration.ofSeconds(5);

    private static final String SIP_TRANSPORT_SERVICE = "org.strowger.sip.transport.api.SipTransport";
    private static final String LISTENER_UDP_CFG = "etc/org.strowger.sip.transport.listener-udp.cfg";
    private static final String LISTENER_TCP_CFG = "etc/org.strowger.sip.transport.listener-tcp.cfg";

    /** Set in the container once OPTIONS was answered 200 (one Karaf per test class). */
    private static volatile boolean sipReady;
    /** Set in the container when the SIP stack did not become ready: later tests fail at once. */
    private static volatile String sipNotReady;

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    @Inject
    protected FeaturesService featuresService;

    /** Injected once the boot features are installed: tests start on a booted distribution. */
    @Inject
    protected BootFinished bootFinished;

    @ProbeBuilder
    public TestProbeBuilder probeConfiguration(TestProbeBuilder probe) {
        probe.setHeader(Constants.DYNAMICIMPORT_PACKAGE, "*");
        return probe;
    }

    /** The distribution with SIP on 127.0.0.1 and free ports; runs in the test JVM. */
    @Configuration
    public Option[] config() {
        String sipPort = Integer.toString(freeUdpAndTcpPort());
        String sshPort = Integer.toString(freeTcpPort());
        String localRepository = System.getProperty("org.ops4j.pax.url.mvn.localRepository", "");
        return new Option[] {
            karafDistributionConfiguration()
                .frameworkUrl(distributionUrl())
                .name("Strowger")
                .karafVersion("4.4.10")
                .unpackDirectory(new File("target/exam"))
                .useDeployFolder(false),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevel.WARN),
            editConfigurationFilePut(LISTENER_UDP_CFG, "host", LOOPBACK),
            editConfigurationFilePut(LISTENER_UDP_CFG, "port", sipPort),
            editConfigurationFilePut(LISTENER_TCP_CFG, "host", LOOPBACK),
            editConfigurationFilePut(LISTENER_TCP_CFG, "port", sipPort),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshHost", LOOPBACK),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", sshPort),
            editConfigurationFilePut("etc/org.apache.karaf.features.cfg", "updateSnapshots", "none"),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg",
                    "org.ops4j.pax.url.mvn.localRepository", localRepository),
            systemProperty(SIP_PORT_PROPERTY).value(sipPort),
            systemProperty(SIPP_SCENARIOS_PROPERTY).value(absolutePath("strowger.sipp.scenarios",
                    "src/test/resources/sipp")),
            systemProperty(EXAMPLE_PLUGIN_PROPERTY).value(examplePluginJar()),
        };
    }

    /** The assembly tar.gz of ../karaf-assembly/target, as a file URL. */
    private static String distributionUrl() {
        File tarGz = new File(absolutePath("strowger.distribution", "../karaf-assembly/target/strowger-karaf-assembly-"
                + System.getProperty("strowger.version", "0.1.0-SNAPSHOT") + ".tar.gz"));
        if (!tarGz.isFile()) {
            throw new IllegalStateException("Strowger distribution " + tarGz
                    + " not found: build karaf-assembly first (mvn -B install -pl karaf-assembly)");
        }
        return tarGz.toURI().toString();
    }

    /** The example plugin jar: the reactor's target/ when built, else the local Maven repository's. */
    private static String examplePluginJar() {
        String version = System.getProperty("strowger.version", "0.1.0-SNAPSHOT");
        File built = new File(absolutePath("strowger.example.plugin",
                "../plugins-sdk/example-plugin/target/org.strowger.example.plugin-" + version + ".jar"));
        if (built.isFile()) {
            return built.getAbsolutePath();
        }
        String repo = System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("user.home") + "/.m2/repository");
        return new File(repo, "org/strowger/org.strowger.example.plugin/" + version
                + "/org.strowger.example.plugin-" + version + ".jar").getAbsolutePath();
    }

    private static String absolutePath(String property, String fallback) {
        return new File(System.getProperty(property, fallback)).getAbsolutePath();
    }

    /** A port free for both UDP and TCP on 127.0.0.1 (both listeners share it). */
    protected static int freeUdpAndTcpPort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = freeTcpPort();
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
                return udp.getLocalPort();
            } catch (IOException taken) {
                // the TCP port is free but the UDP one is not: try another
            }
        }
        throw new IllegalStateException("no port free for both UDP and TCP on " + LOOPBACK + " in 50 attempts");
    }

    /** A TCP port free on 127.0.0.1 at the time of the call. */
    protected static int freeTcpPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find a free TCP port on " + LOOPBACK, e);
        }
    }

    // --- in the container -------------------------------------------------------------------

    /** The port both SIP listeners are bound to (set by {@link #config()}). */
    protected static int sipPort() {
        Integer port = Integer.getInteger(SIP_PORT_PROPERTY);
        assertNotNull("system property " + SIP_PORT_PROPERTY + " (set by StrowgerTestSupport.config)", port);
        return port;
    }

    /** A SIP peer on 127.0.0.1 talking to the server under test. */
    protected static SipClient sipClient() {
        return new SipClient(new InetSocketAddress(LOOPBACK, sipPort()));
    }

    /**
     * Waits until the SIP stack is ready: the transport service is registered and an OPTIONS
     * over UDP is answered 200 (retried: a datagram may arrive before the socket is bound, and
     * the transport answers 503 until the core that handles requests is bound).
     */
    protected void awaitSipReady() throws Exception {
        if (sipReady) {
            return;
        }
        if (sipNotReady != null) {
            throw new AssertionError("SIP stack not ready (see the first failure of this class): " + sipNotReady);
        }
        awaitService(SIP_TRANSPORT_SERVICE, SERVICE_TIMEOUT);
        long deadline = System.nanoTime() + SERVICE_TIMEOUT.toNanos();
        SipClient sip = sipClient();
        String last = "no answer";
        for (int attempt = 0; attempt < 300 && System.nanoTime() < deadline; attempt++) {
            try {
                SipClient.SipResponse response = sip.udp(sip.options(), Duration.ofMillis(500));
                if (response.status() == 200) {
                    sipReady = true;
                    return;
                }
                last = response.status() + " " + response.reason();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            } catch (AssertionError noAnswerYet) {
                last = noAnswerYet.getMessage();
            }
        }
        sipNotReady = "the SIP UDP listener on " + LOOPBACK + ":" + sipPort()
                + " did not answer OPTIONS with 200 within " + SERVICE_TIMEOUT + "; last answer: " + last;
        throw new AssertionError(sipNotReady + "\nerrors in karaf.log:\n" + karafLogErrors());
    }

    /** The last ERROR lines (and the exceptions after them) of data/log/karaf.log, for failure messages. */
    protected static String karafLogErrors() {
        Path log = Path.of(System.getProperty("karaf.log", System.getProperty("karaf.data", "data") + "/log"),
                "karaf.log");
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> errors = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("| ERROR |")) {
                    errors.add(lines.get(i));
                    for (int j = i + 1; j < lines.size() && j <= i + 3 && !lines.get(j).contains(" | "); j++) {
                        errors.add("    " + lines.get(j));
                    }
                }
            }
            return String.join("\n", errors.subList(Math.max(0, errors.size() - 40), errors.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /**
     * Runs a Karaf shell command as the shell itself would and returns what it printed.
     *
     * @throws AssertionError if the command fails or does not finish within {@link #COMMAND_TIMEOUT}
     */
    protected String executeCommand(String command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        Session session = sessionFactory.create(System.in, out, out);
        try {
            Future<Object> result = executor.submit(() -> session.execute(command));
            result.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fail("command '" + command + "' did not finish within " + COMMAND_TIMEOUT);
        } catch (ExecutionException e) {
            throw new AssertionError("command '" + command + "' failed: " + e.getCause() + "\n" + text(bytes), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running '" + command + "'", e);
        } finally {
            session.close();
            executor.shutdownNow();
        }
        return text(bytes);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Waits until a service with this interface name is registered; fails after {@code timeout}. */
    protected ServiceReference<?> awaitService(String objectClass, Duration timeout) throws InterruptedException {
        Filter filter = objectClassFilter(objectClass);
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(bundleContext, filter, null);
        tracker.open(true);
        try {
            if (tracker.waitForService(timeout.toMillis()) == null) {
                fail("service " + objectClass + " not available within " + timeout);
            }
            return tracker.getServiceReference();
        } finally {
            tracker.close();
        }
    }

    /** Asserts that a service with this interface name is registered now or within {@code timeout}. */
    protected void assertServiceAvailable(String objectClass, Duration timeout) throws InterruptedException {
        awaitService(objectClass, timeout);
    }

    /**
     * Waits until no service with this interface name is registered; fails after {@code timeout}.
     * An {@link AllServiceListener}, because a plain listener makes the framework check that the
     * service class is visible to the probe, and the probe's {@code DynamicImport-Package: *} then
     * wires it to the exporter: uninstalling a hot-deployed plugin would refresh the probe itself.
     */
    protected void awaitServiceGone(String objectClass, Duration timeout) throws InterruptedException {
        String filter = "(" + Constants.OBJECTCLASS + "=" + objectClass + ")";
        CountDownLatch gone = new CountDownLatch(1);
        AllServiceListener listener = event -> {
            if (event.getType() == ServiceEvent.UNREGISTERING && registered(objectClass) <= 1) {
                gone.countDown();
            }
        };
        try {
            bundleContext.addServiceListener(listener, filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
        try {
            if (registered(objectClass) == 0) {
                return;
            }
            if (!gone.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("service " + objectClass + " still registered after " + timeout);
            }
        } finally {
            bundleContext.removeServiceListener(listener);
        }
    }

    private int registered(String objectClass) {
        try {
            ServiceReference<?>[] refs = bundleContext.getAllServiceReferences(objectClass, null);
            return refs == null ? 0 : refs.length;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Filter objectClassFilter(String objectClass) {
        try {
            return FrameworkUtil.createFilter("(" + Constants.OBJECTCLASS + "=" + objectClass + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad interface name " + objectClass, e);
        }
    }

    /**
     * Polls {@code condition} every 50 ms until it holds; fails with {@code description} after
     * {@code timeout}.
     */
    protected static void await(String description, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long maxPolls = timeout.toMillis() / 50 + 1;
        for (long poll = 0; poll < maxPolls; poll++) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() >= deadline) {
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        if (!condition.getAsBoolean()) {
            fail("not within " + timeout + ": " + description);
        }
    }
}
