package org.strowger.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Interop with a real SIP peer: the SIPp binary (Debian package sip-tester, installed by
 * .ci/run) runs the scenarios of src/test/resources/sipp against the distribution over UDP and
 * TCP. Each scenario fails a call on any unexpected answer; the test asserts SIPp's exit code 0
 * (every call succeeded). SIPp is bounded by -m (calls), -recv_timeout and -timeout, and the
 * test stops it by its PID if it overruns.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SippInteropIT extends StrowgerTestSupport {

    private static final int CALLS = 5;
    private static final long PROCESS_TIMEOUT_SECONDS = 30;

    @Before
    public void sippAndSipReady() throws Exception {
        assumeTrue("sipp is not on the PATH: install the Debian package sip-tester (.ci/run does) "
                + "to run the SIPp interop tests", sippExecutable() != null);
        awaitSipReady();
    }

    @Test
    public void optionsOverUdpGets200() throws Exception {
        runSipp("options-200.xml", "u1");
    }

    @Test
    public void optionsOverTcpGets200() throws Exception {
        runSipp("options-200.xml", "t1");
    }

    @Test
    public void unknownMethodOverUdpGets501() throws Exception {
        runSipp("unknown-method-501.xml", "u1");
    }

    @Test
    public void unknownMethodOverTcpGets501() throws Exception {
        runSipp("unknown-method-501.xml", "t1");
    }

    private void runSipp(String scenario, String transport) throws IOException, InterruptedException {
        File scenarioFile = new File(System.getProperty(SIPP_SCENARIOS_PROPERTY), scenario);
        assertTrue("scenario " + scenarioFile, scenarioFile.isFile());
        Path work = Files.createTempDirectory("sipp-");
        Path log = work.resolve("sipp.out");
        List<String> command = new ArrayList<>(List.of(
                sippExecutable(), LOOPBACK + ":" + sipPort(),
                "-sf", scenarioFile.getAbsolutePath(),
                "-t", transport,
                "-i", LOOPBACK,
                "-p", Integer.toString(freeUdpAndTcpPort()),
                "-m", Integer.toString(CALLS),
                "-r", "10",
                "-recv_timeout", "5000",
                "-timeout", "20s", "-timeout_error",
                "-nostdin",
                "-trace_err", "-error_file", work.resolve("errors.log").toString()));
        Process sipp = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try {
            boolean finished = sipp.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String errors = read(work.resolve("errors.log"));
            assertTrue("sipp (pid " + sipp.pid() + ") did not exit within " + PROCESS_TIMEOUT_SECONDS + " s: "
                    + command + "\n" + tail(read(log)), finished);
            assertEquals("sipp exit code for " + scenario + " over " + transport + ": " + command + "\n"
                    + tail(read(log)) + "\nerrors:\n" + tail(errors), 0, sipp.exitValue());
        } finally {
            stop(sipp);
            deleteFolder(work);
        }
    }

    private static void deleteFolder(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(folder);
    }

    /** Stops sipp by its PID: SIGTERM, then SIGKILL if it does not exit within 5 s. */
    private static void stop(Process process) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static String sippExecutable() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, "sipp");
            if (candidate.isFile() && candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        return null;
    }

    private static String read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }
}
