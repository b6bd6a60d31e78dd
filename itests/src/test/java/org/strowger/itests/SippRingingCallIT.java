package org.strowger.itests;

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
 * SIPp calls the distribution's test call application configured to ring before it answers
 * ({@code ringFor} = {@value #RING_FOR_MS} ms: 180 first, reliable when the caller supports or
 * requires 100rel) and to hang up by itself ({@code hangupAfter} = {@value #HANGUP_AFTER_S} s
 * after the ACK): CANCEL while ringing, PRACK of the reliable 180 (RFC 3262), and Strowger's
 * BYE. Scenarios in src/test/resources/sipp; the tests assert SIPp's exit code 0.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SippRingingCallIT extends StrowgerTestSupport {

    static final String RING_FOR_MS = "1500";
    static final String HANGUP_AFTER_S = "3";

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(40);

    @Configuration
    @Override
    public Option[] config() {
        return OptionUtils.combine(super.config(),
                systemProperty(Sipp.LOGS_PROPERTY).value(new File("target/sipp-logs").getAbsolutePath()),
                editConfigurationFilePut(SippCallIT.TESTCALL_CFG, "ringFor", RING_FOR_MS),
                editConfigurationFilePut(SippCallIT.TESTCALL_CFG, "hangupAfter", HANGUP_AFTER_S));
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

    private Sipp.Builder uac(String scenario, String transport) {
        return Sipp.uac(scenario, LOOPBACK + ":" + sipPort()).transport(transport);
    }

    /** RFC 3261 §9.2: CANCEL while ringing gets 200, the INVITE 487, SIPp ACKs it; UDP, 3 calls. */
    @Test
    public void cancelWhileRingingOverUdp() throws Exception {
        try (Sipp sipp = uac("uac-cancel.xml", "u1").calls(3).start()) {
            sipp.assertAllCallsSucceeded(RUN_TIMEOUT);
        }
    }

    /** RFC 3261 §9.2 over TCP. */
    @Test
    public void cancelWhileRingingOverTcp() throws Exception {
        try (Sipp sipp = uac("uac-cancel.xml", "t1").calls(3).start()) {
            sipp.assertAllCallsSucceeded(RUN_TIMEOUT);
        }
    }

    /** RFC 3262 §3, §7.1, §7.2: {@code Require: 100rel}: reliable 180, PRACK, 200 PRACK, 200 INVITE; UDP. */
    @Test
    public void prackWhen100relRequiredOverUdp() throws Exception {
        try (Sipp sipp = uac("uac-prack.xml", "u1").key("rel", "Require").calls(3).args("-d", "200").start()) {
            sipp.assertAllCallsSucceeded(RUN_TIMEOUT);
        }
    }

    /** RFC 3262 over TCP (no retransmission of the 180 there: §3 reliability is end to end anyway). */
    @Test
    public void prackWhen100relRequiredOverTcp() throws Exception {
        try (Sipp sipp = uac("uac-prack.xml", "t1").key("rel", "Require").calls(3).args("-d", "200").start()) {
            sipp.assertAllCallsSucceeded(RUN_TIMEOUT);
        }
    }

    /**
     * RFC 3262 §3: with only {@code Supported: 100rel} the UAS may send provisionals reliably; the
     * test call application does when it rings, so the 180 must again carry RSeq and be PRACKed.
     */
    @Test
    public void prackWhen100relSupportedOverUdp() throws Exception {
        try (Sipp sipp = uac("uac-prack.xml", "u1").key("rel", "Supported").calls(3).args("-d", "200").start()) {
            sipp.assertAllCallsSucceeded(RUN_TIMEOUT);
        }
    }

    /** RFC 3261 §15.1.1, §12.2.1: the application hangs up {@value #HANGUP_AFTER_S} s after the ACK; SIPp answers the BYE; UDP. */
    @Test
    public void strowgerHangsUpOverUdp() throws Exception {
        try (Sipp sipp = uac("uac-bye-from-uas.xml", "u1").calls(2).start()) {
            sipp.assertAllCallsSucceeded(RUN_TIMEOUT);
        }
    }

    /**
     * The same over TCP: SIPp's connection comes from an ephemeral port while its Contact names
     * the port it listens on, so Strowger sends the BYE to that Contact (RFC 3261 §12.2.1.1,
     * §18.1.1) over a connection of its own, which SIPp accepts.
     */
    @Test
    public void strowgerHangsUpOverTcp() throws Exception {
        try (Sipp sipp = uac("uac-bye-from-uas.xml", "t1").calls(2).start()) {
            sipp.assertAllCallsSucceeded(RUN_TIMEOUT);
        }
    }
}
