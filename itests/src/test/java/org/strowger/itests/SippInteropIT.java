package org.strowger.itests;

import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.time.Duration;

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
 * test stops it by its PID if it overruns ({@link Sipp}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SippInteropIT extends StrowgerTestSupport {

    private static final int CALLS = 5;
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(30);

    @Before
    public void sippAndSipReady() throws Exception {
        assumeTrue("sipp is not on the PATH: install the Debian package sip-tester (.ci/run does) "
                + "to run the SIPp interop tests", Sipp.executable() != null);
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
        try (Sipp sipp = Sipp.uac(scenario, LOOPBACK + ":" + sipPort())
                .transport(transport)
                .calls(CALLS)
                .recvTimeout(Duration.ofSeconds(5))
                .timeout(Duration.ofSeconds(20))
                .start()) {
            sipp.assertAllCallsSucceeded(PROCESS_TIMEOUT);
        }
    }
}
