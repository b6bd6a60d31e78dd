package org.strowger.sip.dns.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.strowger.sip.dns.api.SipResolutionException;
import org.strowger.sip.dns.api.SipResolver;
import org.strowger.sip.dns.api.SipTarget;
import org.strowger.sip.dns.api.TargetTransport;

/** {@code sip:resolve}: formats what the resolver returns, passes the transports on. */
class ResolveCommandTest {

    @Test
    void printsTheTargetsInOrder() throws Exception {
        AtomicReference<Set<TargetTransport>> asked = new AtomicReference<>();
        SipResolver resolver = (uri, supported) -> {
            asked.set(supported);
            try {
                return CompletableFuture.completedFuture(List.of(
                        new SipTarget(TargetTransport.TLS, new InetSocketAddress(InetAddress.getByName("192.0.2.11"), 5061),
                                "tls1.example.test"),
                        new SipTarget(TargetTransport.UDP, new InetSocketAddress(InetAddress.getByName("2001:db8::21"), 5062),
                                "u1.example.test")));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        String out = run(resolver, "sip:alice@example.test", "udp,TLS");
        assertEquals(EnumSet.of(TargetTransport.UDP, TargetTransport.TLS), asked.get());
        int first = out.indexOf("192.0.2.11");
        int second = out.indexOf("2001:db8:0:0:0:0:0:21");
        assertTrue(first > 0 && second > first, out);
        assertTrue(out.contains("tls1.example.test") && out.contains("5062") && out.contains("TLS"), out);
    }

    @Test
    void printsWhyAResolutionFailed() throws Exception {
        SipResolver resolver = (uri, supported) -> CompletableFuture.failedFuture(
                new SipResolutionException(uri + ": nothere.example.test does not exist (NXDOMAIN)"));
        String out = run(resolver, "sip:nothere.example.test", null);
        assertTrue(out.contains("Cannot resolve sip:nothere.example.test") && out.contains("NXDOMAIN"), out);
    }

    @Test
    void unknownTransportIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ResolveCommand.parseTransports("udp,carrier-pigeon"));
        assertEquals(EnumSet.allOf(TargetTransport.class), ResolveCommand.parseTransports(null));
    }

    private static String run(SipResolver resolver, String uri, String transports) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ResolveCommand.run(resolver, uri, transports, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
