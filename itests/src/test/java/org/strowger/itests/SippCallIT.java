package org.strowger.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.time.Duration;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Calls between SIPp and the distribution's user agent (sip-transaction, sip-dialog) and its
 * test call application (sip-testcall, answering {@code sip:echo@…} at once), over UDP and TCP:
 * SIPp places basic calls, sends UPDATE, negotiates a session timer that Strowger refreshes,
 * loses 10 % of its packets; Strowger's {@code sip:call} calls a SIPp UAS. The scenarios are in
 * src/test/resources/sipp (each documents its checks); a call fails in SIPp on any unexpected
 * message, a missing header or silence, and the tests assert SIPp's exit code 0.
 *
 * <p>The test call application's {@code hangupAfter} is raised to 120 s here so that it does not
 * hang up during the 45 s of the session-timer test; SippRingingCallIT covers ringing, CANCEL,
 * PRACK and the application's own BYE.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SippCallIT extends StrowgerTestSupport {

    static final String TESTCALL_CFG = "etc/org.strowger.sip.testcall.cfg";

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(40);

    @Configuration
    @Override
    public Option[] config() {
        return OptionUtils.combine(super.config(),
                systemProperty(Sipp.LOGS_PROPERTY).value(new File("target/sipp-logs").getAbsolutePath()),
                editConfigurationFilePut(TESTCALL_CFG, "hangupAfter", "120"),
                editConfigurationFilePut(TESTCALL_CFG, "ringFor", "0"));
    }

    @Before
    public void sippAndSipReady() throws Exception {
        assumeTrue("sipp is not on the PATH: install the Debian package sip-tester (.ci/run does) "
                + "to run the SIPp interop tests", Sipp.executable() != null);
        try {
            awaitSipReady();
        } catch (AssertionError notReady) {
            throw new AssertionError(notReady.getMessage() + "\nkaraf.log kept as "
                    + Sipp.saveKarafLog(getClass().getSimpleName()), notReady);
        }
    }

    private String target() {
        return LOOPBACK + ":" + sipPort();
    }

    /** RFC 3261 §13, §15.1: INVITE / 100 / 200 (SDP, Contact) / ACK / BYE / 200 over UDP, 5 calls. */
    @Test
    public void basicCallOverUdp() throws Exception {
        basicCall("u1");
    }

    /** RFC 3261 §13, §15.1, §18: the basic call over one TCP connection, 5 calls. */
    @Test
    public void basicCallOverTcp() throws Exception {
        basicCall("t1");
    }

    private void basicCall(String transport) throws Exception {
        try (Sipp sipp = Sipp.uac("uac-call.xml", target()).transport(transport).calls(5).rate(10)
                .args("-d", "500").start()) {
            sipp.assertAllCallsSucceeded(RUN_TIMEOUT);
        }
    }

    /** RFC 3311 §5.2: an UPDATE with an SDP offer in the confirmed dialog gets 200 with an answer. */
    @Test
    public void updateWithOfferIsAnsweredOverUdp() throws Exception {
        try (Sipp sipp = Sipp.uac("uac-update.xml", target()).transport("u1").calls(3).start()) {
            sipp.assertAllCallsSucceeded(RUN_TIMEOUT);
        }
    }

    /** RFC 3311 §5.2 over TCP. */
    @Test
    public void updateWithOfferIsAnsweredOverTcp() throws Exception {
        try (Sipp sipp = Sipp.uac("uac-update.xml", target()).transport("t1").calls(3).start()) {
            sipp.assertAllCallsSucceeded(RUN_TIMEOUT);
        }
    }

    /**
     * RFC 4028 §9, §10, §7.4: the caller asks for Session-Expires: 90;refresher=uas; Strowger
     * answers with Session-Expires: 90;refresher=uas and Require: timer and refreshes after 45 s,
     * with UPDATE when the caller allows it (RFC 3311) and with a re-INVITE carrying SDP when
     * not. Both calls run at the same time (≈ 46 s).
     */
    @Test
    public void sessionTimerIsRefreshedByStrowgerWithUpdateOrReInvite() throws Exception {
        Duration wait = Duration.ofSeconds(80);
        try (Sipp update = Sipp.uac("uac-timer-update.xml", target()).transport("u1")
                        .timeout(Duration.ofSeconds(75)).start();
                Sipp reInvite = Sipp.uac("uac-timer-reinvite.xml", target()).transport("u1")
                        .timeout(Duration.ofSeconds(75)).start()) {
            int updateExit = update.awaitExit(wait);
            int reInviteExit = reInvite.awaitExit(wait);
            if (updateExit != 0) {
                update.keepLogs();
            }
            if (reInviteExit != 0) {
                reInvite.keepLogs();
            }
            assertTrue("refresh with UPDATE (Allow names UPDATE): sipp exit code " + updateExit + "\n"
                    + update.report() + "\n\nrefresh with re-INVITE: sipp exit code " + reInviteExit + "\n"
                    + reInvite.report(), updateExit == 0 && reInviteExit == 0);
        }
    }

    /**
     * RFC 3261 §17.1.1.2, §17.1.2.2, §13.3.1.4: 100 calls while SIPp drops 10 % of the packets it
     * sends and receives; every call completes because both sides retransmit (SIPp its INVITE and
     * BYE and its ACK for each 200 retransmission, Strowger its 200 until the ACK and its final
     * responses for retransmitted requests).
     */
    @Test
    public void hundredCallsWithTenPercentPacketLossAllComplete() throws Exception {
        try (Sipp sipp = Sipp.uac("uac-call.xml", target()).transport("u1").calls(100).rate(20)
                .recvTimeout(Duration.ofSeconds(30)).timeout(Duration.ofSeconds(150))
                .args("-d", "2000", "-lost", "10").start()) {
            sipp.assertAllCallsSucceeded(Duration.ofSeconds(170));
            String counts = "successful " + sipp.statistic("SuccessfulCall(C)") + ", failed "
                    + sipp.statistic("FailedCall(C)") + ", SIPp retransmissions "
                    + sipp.statistic("Retransmissions(C)");
            assertEquals("successful calls (" + counts + ")", 100, sipp.statistic("SuccessfulCall(C)"));
            assertTrue("SIPp retransmitted (the loss was applied): " + counts,
                    sipp.statistic("Retransmissions(C)") > 0);
        }
    }

    /** RFC 3261 §13.2, §15.1.1: sip:call places a call to a SIPp UAS over UDP, is answered, hangs up. */
    @Test
    public void sipCallReachesSippUasOverUdp() throws Exception {
        strowgerCallsSipp("u1", "");
    }

    /** The same over TCP ({@code ;transport=tcp} in the Request-URI, RFC 3261 §18.1.1, RFC 3263 §4.1). */
    @Test
    public void sipCallReachesSippUasOverTcp() throws Exception {
        strowgerCallsSipp("t1", ";transport=tcp");
    }

    private void strowgerCallsSipp(String transport, String uriParameters) throws Exception {
        try (Sipp uas = Sipp.uas("uas-answer.xml", freeUdpAndTcpPort()).transport(transport)
                .recvTimeout(Duration.ofSeconds(15)).timeout(Duration.ofSeconds(30)).start()) {
            uas.awaitListening(Duration.ofSeconds(5));
            String uri = "sip:service@" + LOOPBACK + ":" + uas.port() + uriParameters;
            // Strowger's side of the exchange in karaf.log, copied beside SIPp's logs on failure
            executeCommand("sip:trace on");
            try {
                // quoted: the shell would read ";" as the end of the command
                String output = executeCommand("sip:call --hangup-after 1 --wait 15 \"" + uri + "\"");
                boolean answered = output.contains("answered");
                if (!answered) {
                    uas.keepLogs();
                }
                assertTrue("sip:call " + uri + " prints 'answered':\n" + output + "\n" + uas.report(), answered);
                uas.assertAllCallsSucceeded(Duration.ofSeconds(20));
            } finally {
                executeCommand("sip:trace off");
            }
        }
    }
}
