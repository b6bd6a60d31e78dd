package org.strowger.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.slf4j.LoggerFactory;
import org.strowger.itests.SipClient.SipResponse;

/**
 * The distribution answers SIP over its default UDP and TCP listeners: OPTIONS gets 200 with
 * Allow (RFC 3261 §11.2), an unknown method 501 (§8.2.1), a malformed request 400 (§8.2.2,
 * RFC 4475 §3.1.2.13) and garbage does not stop it; {@code sip:listeners} and {@code sip:trace}
 * work in the shell.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OptionsIT extends StrowgerTestSupport {

    @Before
    public void sipReady() throws Exception {
        awaitSipReady();
    }

    @Test
    public void optionsOverUdpGets200WithAllow() throws Exception {
        SipClient sip = sipClient();
        String request = sip.options();
        assertOptionsAnswered(request, sip.udp(request, SIP_TIMEOUT));
    }

    @Test
    public void optionsOverTcpGets200WithAllow() throws Exception {
        SipClient sip = sipClient();
        String request = sip.options();
        assertOptionsAnswered(request, sip.tcp(request, SIP_TIMEOUT));
    }

    @Test
    public void unknownMethodGets501OverUdpAndTcp() throws Exception {
        SipClient sip = sipClient();
        SipResponse overUdp = sip.udp(sip.request("FOO"), SIP_TIMEOUT);
        assertEquals("FOO over UDP:\n" + overUdp, 501, overUdp.status());
        assertTrue("CSeq of " + overUdp, overUdp.header("CSeq").endsWith("FOO"));
        SipResponse overTcp = sip.tcp(sip.request("FOO"), SIP_TIMEOUT);
        assertEquals("FOO over TCP:\n" + overTcp, 501, overTcp.status());
    }

    @Test
    public void garbageOverUdpGets400AndTheServerKeepsAnswering() throws Exception {
        SipClient sip = sipClient();

        // Bytes that are no SIP message at all: dropped (no Via to answer to), nothing breaks.
        byte[] noise = new byte[512];
        ThreadLocalRandom.current().nextBytes(noise);
        sip.udpRaw(noise, Duration.ofMillis(200));
        byte[] zeros = new byte[1300];
        Arrays.fill(zeros, (byte) 0);
        sip.udpRaw(zeros, Duration.ofMillis(200));

        // RFC 4475 §3.1.2.13 (ltgtruri): a Request-URI enclosed in <> is malformed: 400.
        String malformed = sip.options().replaceFirst("^OPTIONS (\\S+) SIP/2.0", "OPTIONS <$1> SIP/2.0");
        SipResponse badRequest = sip.udp(malformed, SIP_TIMEOUT);
        assertEquals("malformed request:\n" + malformed + "\nanswer:\n" + badRequest, 400, badRequest.status());
        assertTrue("a 400 names the problem in its reason phrase: " + badRequest.reason(),
                !badRequest.reason().isBlank());

        String request = sip.options();
        assertOptionsAnswered(request, sip.udp(request, SIP_TIMEOUT));
    }

    @Test
    public void sipListenersShowsBothListeners() {
        String output = executeCommand("sip:listeners");
        String port = Integer.toString(sipPort());
        String lower = output.toLowerCase(Locale.ROOT);
        assertTrue("udp listener in:\n" + output, lower.contains("udp"));
        assertTrue("tcp listener in:\n" + output, lower.contains("tcp"));
        long linesWithPort = output.lines().filter(line -> line.contains(LOOPBACK) && line.contains(port)).count();
        assertTrue("two listeners on " + LOOPBACK + ":" + port + " in:\n" + output, linesWithPort >= 2);
    }

    @Test
    public void sipTraceLogsMessagesInAndOutOnlyWhileOn() throws Exception {
        SipClient sip = sipClient();
        String traced = sip.options();
        String tracedCallId = header(traced, "Call-ID");
        String status = executeCommand("sip:trace --method OPTIONS on");
        assertTrue("sip:trace on answers with its state: " + status, status.contains("SIP trace on"));
        try {
            assertOptionsAnswered(traced, sip.udp(traced, SIP_TIMEOUT));
            // The log is written asynchronously: wait for both directions of the traced exchange.
            await("karaf.log traces the OPTIONS in and its 200 out (Call-ID " + tracedCallId + ")",
                    Duration.ofSeconds(10), () -> traceLines(tracedCallId).stream().anyMatch(l -> l.contains(" IN "))
                            && traceLines(tracedCallId).stream().anyMatch(l -> l.contains(" OUT ")));
            assertTrue("FOO is filtered out by --method OPTIONS",
                    sip.udp(sip.request("FOO"), SIP_TIMEOUT).status() == 501);
        } finally {
            assertTrue(executeCommand("sip:trace off").contains("SIP trace off"));
        }
        String untraced = sip.options();
        assertOptionsAnswered(untraced, sip.udp(untraced, SIP_TIMEOUT));
        // A marker written to the trace logger after the untraced exchange: once it is in the file,
        // a trace of that exchange would be too (same logger, same appender, in order).
        String marker = "strowger-itest-marker-" + System.nanoTime();
        LoggerFactory.getLogger("org.strowger.sip.trace").info(marker);
        await("marker in karaf.log", Duration.ofSeconds(10), () -> !traceLines(marker).isEmpty());
        assertTrue("nothing traced after sip:trace off", traceLines(header(untraced, "Call-ID")).isEmpty());
    }

    /** The karaf.log entries (with the message text that follows each) that mention {@code text}. */
    private static List<String> traceLines(String text) {
        Path log = Path.of(System.getProperty("karaf.data", "data"), "log", "karaf.log");
        try {
            List<String> entries = new ArrayList<>();
            String entry = null;
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.contains(" | ")) {
                    if (entry != null && entry.contains(text)) {
                        entries.add(entry);
                    }
                    entry = line;
                } else if (entry != null) {
                    entry = entry + "\n" + line;
                }
            }
            if (entry != null && entry.contains(text)) {
                entries.add(entry);
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertOptionsAnswered(String request, SipResponse response) {
        assertEquals("OPTIONS answer:\n" + response, 200, response.status());
        String allow = response.header("Allow");
        assertNotNull("Allow in:\n" + response, allow);
        assertTrue("Allow names OPTIONS: " + allow, allow.toUpperCase(Locale.ROOT).contains("OPTIONS"));
        assertEquals("Call-ID echoed", header(request, "Call-ID"), response.header("Call-ID"));
        assertEquals("CSeq echoed", header(request, "CSeq"), response.header("CSeq"));
        String via = response.header("Via");
        assertNotNull("Via in:\n" + response, via);
        String branch = header(request, "Via").replaceFirst(".*branch=([^;]+).*", "$1");
        assertTrue("Via branch " + branch + " echoed: " + via, via.contains(branch));
        String to = response.header("To");
        assertTrue("To tag added (RFC 3261 §8.2.6.2): " + to, to != null && to.contains(";tag="));
    }

    private static String header(String request, String name) {
        return request.lines()
                .filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(line -> line.substring(name.length() + 1).trim())
                .findFirst().orElseThrow();
    }
}
