package org.strowger.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.strowger.sip.message.api.ParseResult;
import org.strowger.sip.message.api.SipCodecConfig;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.message.api.SipParser;

/**
 * Throughput of the SIP codec on one thread (messages per second): parse and encode of a desk
 * phone's INVITE with SDP and of a REGISTER with digest credentials, and the work a stateless
 * proxy does per request: parse, then read the top Via, Call-ID, CSeq and To tag
 * (RFC 3261 §16.3, §17.2.3).
 *
 * <p>Every result goes to a {@link Blackhole} so the JIT cannot drop the work. The setup
 * refuses to run if a sample does not parse, so the figures are never those of the failure
 * path. Run it from {@code target/benchmarks.jar}; see bench/README.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Threads(1)
public class SipCodecBenchmark {

    private SipParser parser;
    private byte[] invite;
    private byte[] register;
    private SipMessage parsedInvite;
    private SipMessage parsedRegister;

    @Setup(Level.Trial)
    public void setUp() {
        parser = new SipParser(SipCodecConfig.DEFAULTS);
        invite = SampleMessages.INVITE.clone();
        register = SampleMessages.REGISTER.clone();
        parsedInvite = parseOrFail(parser, invite, "INVITE");
        parsedRegister = parseOrFail(parser, register, "REGISTER");
    }

    @Benchmark
    public ParseResult parseInvite() {
        return parser.parse(invite, 0, invite.length);
    }

    @Benchmark
    public ParseResult parseRegister() {
        return parser.parse(register, 0, register.length);
    }

    @Benchmark
    public byte[] encodeInvite() {
        return parsedInvite.encode();
    }

    @Benchmark
    public byte[] encodeRegister() {
        return parsedRegister.encode();
    }

    /**
     * Parse an INVITE and read what a proxy needs to match and route it: the top Via (its
     * branch is the transaction key, RFC 3261 §17.2.3), Call-ID, CSeq and the To tag (present
     * means in-dialog, RFC 3261 §12.2.2).
     */
    @Benchmark
    public void parseInviteProxyFields(Blackhole bh) {
        SipMessage message = parser.parse(invite, 0, invite.length).message();
        bh.consume(message.topVia().branch());
        bh.consume(message.callId());
        bh.consume(message.cseq());
        bh.consume(message.to().tag());
    }

    static SipMessage parseOrFail(SipParser parser, byte[] wire, String what) {
        ParseResult result = parser.parse(wire, 0, wire.length);
        if (!result.isSuccess()) {
            throw new IllegalStateException("benchmark sample " + what
                    + " does not parse, fix the sample or the parser first: " + result);
        }
        return result.message();
    }
}
