package org.strowger.sip.transport.internal;

import org.strowger.platform.testkit.SimpleMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.strowger.platform.api.SerialExecutors;
import org.strowger.platform.testkit.ManualClock;
import org.strowger.platform.testkit.ManualTimerService;
import org.strowger.sip.transport.api.ListenerInfo;
import org.strowger.sip.transport.api.TraceFilter;
import org.strowger.sip.transport.api.Transport;

/** The DS components and their configuration validation, driven as SCR would drive them. */
class ComponentsTest {

    private static final ManualTimerService TIMER = new ManualTimerService(new ManualClock());
    private static final SerialExecutors EXECUTORS = new SerialExecutors() {
        @Override
        public Executor forKey(Object key) {
            return Runnable::run;
        }

        @Override
        public int size() {
            return 1;
        }
    };

    private static ListenerConfig listener(Map<String, Object> values) {
        return Configs.of(ListenerConfig.class, values);
    }

    @Test
    void listenerConfigurationAppearsAndDisappears() {
        SipTransportComponent transport = new SipTransportComponent(
                Configs.of(TransportConfig.class, Map.of("ioThreads", 1, "shutdownTimeout", 200)), new SimpleMetrics(), TIMER, EXECUTORS);
        try {
            SipListenerComponent udp = new SipListenerComponent(
                    listener(Map.of("name", "udp", "host", "127.0.0.1", "port", "0")), transport);
            SipListenerComponent tcp = new SipListenerComponent(
                    listener(Map.of("name", "tcp", "transport", "tcp", "host", "127.0.0.1", "port", "0")), transport);
            assertEquals(2, transport.listeners().size());
            ListenerInfo first = transport.listeners().get(0);
            assertEquals("tcp", first.name());
            assertEquals(Transport.TCP, first.transport());
            assertTrue(first.address().getPort() > 0, "port 0 shows the bound port");
            assertThrows(IllegalStateException.class, () -> new SipListenerComponent(
                    listener(Map.of("name", "udp", "host", "127.0.0.1", "port", "0")), transport), "names are unique");
            tcp.deactivate();
            assertEquals(1, transport.listeners().size());
            udp.deactivate();
            assertTrue(transport.listeners().isEmpty());
        } finally {
            transport.deactivate();
        }
    }

    @Test
    void listenerValidationNamesAttributeAndFix() {
        assertMessage(Map.of("name", "udp", "host", "${env:STROWGER_SIP_HOST:-0.0.0.0}"), "host", "STROWGER_SIP_HOST");
        assertMessage(Map.of("name", "udp", "host", "sip.example.com"), "host", "IP address");
        assertMessage(Map.of("name", "udp", "port", "50x60"), "port", "STROWGER_SIP_PORT");
        assertMessage(Map.of("name", "udp", "port", "70000"), "port", "1-65535");
        assertMessage(Map.of("name", "udp", "transport", "SCTP"), "transport", "UDP or TCP");
        assertMessage(Map.of("name", "a b"), "name", "letters");
        assertMessage(Map.of(), "name", "required");
        ListenerSettings ok = ListenerSettings.from(listener(Map.of("name", "v6", "host", "[::1]", "port", " 5062 ")));
        assertEquals(new InetSocketAddress("::1", 5062), ok.bind());
        assertEquals(Transport.UDP, ok.transport());
    }

    private static void assertMessage(Map<String, Object> values, String attribute, String hint) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ListenerSettings.from(listener(values)));
        assertTrue(e.getMessage().contains(attribute + "=") && e.getMessage().contains(hint), e.getMessage());
    }

    @Test
    void transportValidationFailsFast() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SipTransportComponent(
                Configs.of(TransportConfig.class, Map.of("maxBodySize", 100_000)), new SimpleMetrics(), TIMER, EXECUTORS));
        assertTrue(e.getMessage().contains("maxBodySize=100000") && e.getMessage().contains("etc/org.strowger.sip.transport.cfg"),
                e.getMessage());
        assertEquals(TransportSettings.defaults(), TransportSettings.from(Configs.of(TransportConfig.class, Map.of())),
                "defaults in code match the metatype defaults");
    }

    @Test
    void traceFilterAndCommand() throws Exception {
        Tracer tracer = new Tracer();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        org.strowger.sip.transport.command.CommandsAccess.trace(tracer, null, null, null, out);
        org.strowger.sip.transport.command.CommandsAccess.trace(tracer, "on", "127.0.0.1:5060", "invite", out);
        assertEquals(new TraceFilter("127.0.0.1:5060", "INVITE"), tracer.current().orElseThrow());
        org.strowger.sip.transport.command.CommandsAccess.trace(tracer, null, null, null, out);
        org.strowger.sip.transport.command.CommandsAccess.trace(tracer, "off", null, null, out);
        assertFalse(tracer.current().isPresent());
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("SIP trace is off"), text);
        assertTrue(text.contains("SIP trace is on: address=127.0.0.1:5060 method=INVITE"), text);
        assertTrue(text.trim().endsWith("SIP trace off"), text);
        assertThrows(IllegalArgumentException.class, () -> tracer.enable(new TraceFilter("example.com", null)));
        assertThrows(IllegalArgumentException.class, () -> tracer.enable(new TraceFilter("127.0.0.1:99999", null)));
        tracer.enable(new TraceFilter("[::1]:5060", null));
        tracer.enable(new TraceFilter("::1", null));
    }

    @Test
    void listenersCommandPrintsATable() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        org.strowger.sip.transport.command.CommandsAccess.listeners(java.util.List.of(
                new ListenerInfo("udp", Transport.UDP, new InetSocketAddress("0.0.0.0", 5060), 12, 11, 1, 2, 0)),
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Parse errors") && text.contains("0.0.0.0:5060") && text.contains("udp"), text);
    }
}
