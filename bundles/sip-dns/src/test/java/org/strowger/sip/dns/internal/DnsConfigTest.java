package org.strowger.sip.dns.internal;

import org.strowger.platform.testkit.SimpleMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.strowger.platform.testkit.ManualClock;

/** The configuration: defaults, server syntax, and validation that names the attribute and the file. */
class DnsConfigTest {

    @Test
    void defaultsOfTheAnnotationAreTheDocumentedOnes() {
        List<InetSocketAddress> servers = List.of(new InetSocketAddress("127.0.0.1", 53));
        DnsSettings fromAnnotation = DnsSettings.from(Configs.of(DnsConfig.class, Map.of("servers", new String[] {"127.0.0.1"})));
        assertEquals(DnsSettings.defaults(servers), fromAnnotation);
        assertEquals(Duration.ofMillis(2000), fromAnnotation.queryTimeout());
        assertEquals(Optional.of(Path.of("/etc/hosts")), fromAnnotation.hostsFile());
        assertTrue(fromAnnotation.useNaptr());
    }

    @Test
    void serversAsIpOrIpAndPort() {
        assertEquals(List.of(new InetSocketAddress("192.0.2.1", 53), new InetSocketAddress("192.0.2.2", 5353),
                new InetSocketAddress("2001:db8::1", 53), new InetSocketAddress("2001:db8::2", 5300),
                new InetSocketAddress("2001:db8::3", 53)),
                DnsSettings.parseServers(new String[] {"192.0.2.1", " 192.0.2.2:5353 ", "", "[2001:db8::1]",
                        "[2001:db8::2]:5300", "2001:db8::3"}));
    }

    @Test
    void invalidValuesFailWithTheAttributeAndTheFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DnsSettings.parseServers(new String[] {"dns.example.test"}));
        assertTrue(e.getMessage().contains("servers=dns.example.test") && e.getMessage().contains("etc/org.strowger.sip.dns.cfg"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DnsSettings.parseServers(new String[] {"192.0.2.1:0"}));
        assertThrows(IllegalArgumentException.class, () -> DnsSettings.parseServers(new String[] {"[2001:db8::1"}));
        e = assertThrows(IllegalArgumentException.class,
                () -> DnsSettings.from(Configs.of(DnsConfig.class, Map.of("queryTimeout", 0))));
        assertTrue(e.getMessage().contains("queryTimeout=0: must be between 10 and 60000"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DnsSettings.from(Configs.of(DnsConfig.class, Map.of("attempts", 11))));
        assertTrue(e.getMessage().contains("attempts=11"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DnsSettings.from(Configs.of(DnsConfig.class, Map.of("ipv6", false, "preferIpv6", true))));
        assertTrue(e.getMessage().contains("preferIpv6"), e.getMessage());
    }

    @Test
    void theComponentValidatesItsConfigurationInTheConstructor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DnsSipResolver(
                Configs.of(DnsConfig.class, Map.of("cacheSize", -1)), new SimpleMetrics(), new ManualClock()));
        assertTrue(e.getMessage().contains("cacheSize=-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DnsSipResolver(
                Configs.of(DnsConfig.class, Map.of("servers", new String[] {"127.0.0.1"}, "hostsFile", "target")),
                new SimpleMetrics(), new ManualClock()));
        assertTrue(e.getMessage().contains("hostsFile=target"), e.getMessage());
    }

    @Test
    void theComponentStartsAndStopsWithTheSystemServers() {
        DnsSipResolver r = new DnsSipResolver(Configs.of(DnsConfig.class, Map.of()), new SimpleMetrics(), new ManualClock());
        r.deactivate();
    }
}
