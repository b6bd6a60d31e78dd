package org.strowger.sip.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.strowger.sip.dns.api.TargetTransport.SCTP;
import static org.strowger.sip.dns.api.TargetTransport.TCP;
import static org.strowger.sip.dns.api.TargetTransport.TLS;
import static org.strowger.sip.dns.api.TargetTransport.UDP;
import static org.strowger.sip.dns.api.TargetTransport.WS;
import static org.strowger.sip.dns.api.TargetTransport.WSS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.strowger.sip.dns.api.SipResolutionException;
import org.strowger.sip.dns.api.SipTarget;

/** RFC 3263 §4 against a real DNS server (dnsmasq on 127.0.0.1) serving the zone below. */
class Rfc3263ResolutionTest {

    /** The zone: each name exercises one branch of RFC 3263 §4.1/§4.2. */
    static final List<String> ZONE = List.of(
            // NAPTR in scrambled order; one "U" service and one "A"-flag record that must be discarded
            "--naptr-record=naptr.example.test,20,10,S,SIP+D2T,,_sip._tcp.naptr.example.test",
            "--naptr-record=naptr.example.test,10,20,S,SIP+D2U,,_sip._udp.naptr.example.test",
            "--naptr-record=naptr.example.test,10,10,S,SIPS+D2T,,_sips._tcp.naptr.example.test",
            "--naptr-record=naptr.example.test,30,10,S,SIP+D2S,,_sip._sctp.naptr.example.test",
            "--naptr-record=naptr.example.test,5,10,U,E2U+sip,!^.*$!sip:info@example.test!,",
            "--naptr-record=naptr.example.test,1,10,A,SIP+D2U,,aonly.example.test",
            "--srv-host=_sips._tcp.naptr.example.test,tls1.example.test,5061,10,10",
            "--srv-host=_sip._udp.naptr.example.test,u2.example.test,5060,20,10",
            "--srv-host=_sip._udp.naptr.example.test,u1.example.test,5062,10,10",
            "--srv-host=_sip._tcp.naptr.example.test,t1.example.test,5063,10,10",
            "--srv-host=_sip._sctp.naptr.example.test,s1.example.test,5064,10,10",
            "--host-record=naptr.example.test,192.0.2.50",
            "--host-record=tls1.example.test,192.0.2.11",
            "--host-record=u1.example.test,192.0.2.21,2001:db8::21",
            "--host-record=u2.example.test,192.0.2.22",
            "--host-record=t1.example.test,192.0.2.31",
            "--host-record=s1.example.test,192.0.2.41",
            // SRV only (no NAPTR): _sip for SIP URIs, _sips for SIPS URIs
            "--srv-host=_sip._udp.srvonly.example.test,su1.example.test,5160,10,10",
            "--srv-host=_sip._tcp.srvonly.example.test,st1.example.test,5161,10,10",
            "--srv-host=_sips._tcp.srvonly.example.test,ss1.example.test,5162,10,10",
            "--host-record=su1.example.test,192.0.2.81",
            "--host-record=st1.example.test,192.0.2.82",
            "--host-record=ss1.example.test,192.0.2.83",
            // SRV priority and weight (RFC 2782)
            "--srv-host=_sip._udp.weights.example.test,w0.example.test,5060,10,0",
            "--srv-host=_sip._udp.weights.example.test,w1.example.test,5060,10,60",
            "--srv-host=_sip._udp.weights.example.test,w2.example.test,5060,10,30",
            "--srv-host=_sip._udp.weights.example.test,backup.example.test,5060,20,0",
            "--host-record=w0.example.test,192.0.2.60",
            "--host-record=w1.example.test,192.0.2.61",
            "--host-record=w2.example.test,192.0.2.62",
            "--host-record=backup.example.test,192.0.2.69",
            // neither NAPTR nor SRV: A/AAAA with the default transport and port
            "--host-record=aonly.example.test,192.0.2.70,2001:db8::70",
            "--cname=alias.example.test,aonly.example.test",
            // NAPTR says UDP, but an explicit transport parameter wins
            "--naptr-record=transport.example.test,10,10,S,SIP+D2U,,_sip._udp.transport.example.test",
            "--srv-host=_sip._udp.transport.example.test,u1.example.test,5062,10,10",
            "--srv-host=_sip._tcp.transport.example.test,tcp2.example.test,5070,10,10",
            "--srv-host=_sips._tcp.transport.example.test,tls2.example.test,5071,10,10",
            "--host-record=transport.example.test,192.0.2.90",
            "--host-record=tcp2.example.test,192.0.2.91",
            "--host-record=tls2.example.test,192.0.2.92",
            // the service is "decidedly not available" (SRV target ".")
            "--srv-host=_sip._udp.nosip.example.test",
            "--host-record=nosip.example.test,192.0.2.95",
            // a name with records, none of them for SIP
            "--txt-record=txtonly.example.test,hello");

    static Dnsmasq dns;

    @BeforeAll
    static void startDns() throws Exception {
        dns = Dnsmasq.start(300, ZONE);
    }

    @AfterAll
    static void stopDns() throws Exception {
        if (dns != null) {
            dns.close();
        }
    }

    private static TestResolver resolver() {
        return new TestResolver(dns.address());
    }

    @Test
    void rfc3263_4_1_naptrOrderThenPreferenceThenSrvThenAddresses() throws Exception {
        try (TestResolver r = resolver()) {
            assertEquals(List.of(
                    "TLS 192.0.2.11:5061 (tls1.example.test)",        // order 10, preference 10
                    "UDP 192.0.2.21:5062 (u1.example.test)",          // order 10, preference 20: SRV priority 10, A
                    "UDP [2001:db8:0:0:0:0:0:21]:5062 (u1.example.test)", //   ... then AAAA
                    "UDP 192.0.2.22:5060 (u2.example.test)",          //   SRV priority 20
                    "TCP 192.0.2.31:5063 (t1.example.test)",          // order 20
                    "SCTP 192.0.2.41:5064 (s1.example.test)"),        // order 30
                    r.targets("sip:alice@naptr.example.test"));
        }
    }

    @Test
    void rfc3263_4_1_naptrOnlySupportedTransports() throws Exception {
        try (TestResolver r = resolver()) {
            assertEquals(List.of(
                    "UDP 192.0.2.21:5062 (u1.example.test)",
                    "UDP [2001:db8:0:0:0:0:0:21]:5062 (u1.example.test)",
                    "UDP 192.0.2.22:5060 (u2.example.test)",
                    "TCP 192.0.2.31:5063 (t1.example.test)"),
                    r.targets("sip:naptr.example.test", UDP, TCP));
            assertEquals(List.of("TCP 192.0.2.31:5063 (t1.example.test)"), r.targets("sip:naptr.example.test", TCP));
        }
    }

    @Test
    void rfc3263_4_1_sipsUriOnlySipsServices() throws Exception {
        try (TestResolver r = resolver()) {
            assertEquals(List.of("TLS 192.0.2.11:5061 (tls1.example.test)"), r.targets("sips:bob@naptr.example.test"));
        }
    }

    @Test
    void rfc3263_4_1_sipsUriWithoutSecureTransportFails() {
        try (TestResolver r = resolver()) {
            SipResolutionException e = r.failure("sips:naptr.example.test", UDP, TCP);
            assertTrue(e.getMessage().contains("secure"), e.getMessage());
        }
    }

    @Test
    void rfc3263_4_1_noUsableNaptrFallsBackToSrv() throws Exception {
        try (TestResolver r = resolver()) {
            // supporting only WS: no NAPTR service of ours, no _sip._ws SRV; the default transport is missing too
            SipResolutionException e = r.failure("sip:naptr.example.test", WS);
            assertTrue(e.getMessage().contains("no default transport"), e.getMessage());
        }
    }

    @Test
    void rfc3263_4_1_noNaptrThenSrvPerSupportedTransport() throws Exception {
        try (TestResolver r = resolver()) {
            // SIP URI: _sip._udp then _sip._tcp; _sips._tcp is for SIPS URIs only
            assertEquals(List.of("UDP 192.0.2.81:5160 (su1.example.test)", "TCP 192.0.2.82:5161 (st1.example.test)"),
                    r.targets("sip:srvonly.example.test"));
            assertEquals(List.of("TCP 192.0.2.82:5161 (st1.example.test)"), r.targets("sip:srvonly.example.test", TCP));
            assertEquals(List.of("TLS 192.0.2.83:5162 (ss1.example.test)"), r.targets("sips:srvonly.example.test"));
        }
    }

    @Test
    void rfc3263_4_1_naptrDisabledGoesStraightToSrv() throws Exception {
        try (TestResolver r = new TestResolver(dns.address(), new Random(1), s -> s.withLookups(false, true, false))) {
            assertEquals(List.of(
                    "UDP 192.0.2.21:5062 (u1.example.test)",
                    "UDP [2001:db8:0:0:0:0:0:21]:5062 (u1.example.test)",
                    "UDP 192.0.2.22:5060 (u2.example.test)",
                    "TCP 192.0.2.31:5063 (t1.example.test)",
                    "SCTP 192.0.2.41:5064 (s1.example.test)"),
                    r.targets("sip:naptr.example.test"));
        }
    }

    @Test
    void rfc3263_4_2_noSrvThenAddressesAtDefaultPort() throws Exception {
        try (TestResolver r = resolver()) {
            assertEquals(List.of("UDP 192.0.2.70:5060 (aonly.example.test)",
                    "UDP [2001:db8:0:0:0:0:0:70]:5060 (aonly.example.test)"), r.targets("sip:aonly.example.test"));
            assertEquals(List.of("TLS 192.0.2.70:5061 (aonly.example.test)",
                    "TLS [2001:db8:0:0:0:0:0:70]:5061 (aonly.example.test)"), r.targets("sips:aonly.example.test"));
            // UDP not supported: TCP stands in as the default
            assertEquals(List.of("TCP 192.0.2.70:5060 (aonly.example.test)",
                    "TCP [2001:db8:0:0:0:0:0:70]:5060 (aonly.example.test)"), r.targets("sip:aonly.example.test", TCP, TLS));
        }
    }

    @Test
    void rfc3263_4_2_addressFamiliesOrderAndIpv6Off() throws Exception {
        try (TestResolver v6first = new TestResolver(dns.address(), new Random(1), s -> s.withLookups(true, true, true));
                TestResolver v4only = new TestResolver(dns.address(), new Random(1), s -> s.withLookups(true, false, false))) {
            assertEquals(List.of("UDP [2001:db8:0:0:0:0:0:70]:5060 (aonly.example.test)",
                    "UDP 192.0.2.70:5060 (aonly.example.test)"), v6first.targets("sip:aonly.example.test"));
            assertEquals(List.of("UDP 192.0.2.70:5060 (aonly.example.test)"), v4only.targets("sip:aonly.example.test"));
        }
    }

    @Test
    void rfc3263_4_2_cnameFollowedToAddresses() throws Exception {
        try (TestResolver r = resolver()) {
            assertEquals(List.of("UDP 192.0.2.70:5070 (alias.example.test)",
                    "UDP [2001:db8:0:0:0:0:0:70]:5070 (alias.example.test)"), r.targets("sip:alias.example.test:5070"));
        }
    }

    @Test
    void rfc3263_4_1_portPresentMeansUdpAndAddressLookupOnly() throws Exception {
        try (TestResolver r = resolver()) {
            assertEquals(List.of("UDP 192.0.2.50:5080 (naptr.example.test)"), r.targets("sip:naptr.example.test:5080"));
            assertEquals(2, r.queries(), "A and AAAA only: no NAPTR, no SRV");
            assertEquals(List.of("TLS 192.0.2.50:5081 (naptr.example.test)"), r.targets("sips:naptr.example.test:5081"));
        }
    }

    @Test
    void rfc3263_4_1_numericIpNeedsNoDns() throws Exception {
        try (TestResolver r = resolver()) {
            assertEquals(List.of("UDP 192.0.2.10:5060"), r.targets("sip:192.0.2.10"));
            assertEquals(List.of("TLS 192.0.2.10:5061"), r.targets("sips:192.0.2.10"));
            assertEquals(List.of("UDP 192.0.2.10:5090"), r.targets("sip:alice@192.0.2.10:5090"));
            assertEquals(List.of("TCP 192.0.2.10:5060"), r.targets("sip:192.0.2.10;transport=tcp"));
            assertEquals(List.of("UDP [2001:db8:0:0:0:0:0:10]:5070"), r.targets("sip:[2001:db8::10]:5070"));
            assertEquals(List.of("TLS [2001:db8:0:0:0:0:0:10]:5061"), r.targets("sips:[2001:db8::10]"));
            assertEquals(0, r.queries());
        }
    }

    @Test
    void rfc3263_4_1_transportParamWinsOverNaptr() throws Exception {
        try (TestResolver r = resolver()) {
            // no port: SRV of that transport (§4.2)
            assertEquals(List.of("TCP 192.0.2.91:5070 (tcp2.example.test)"), r.targets("sip:transport.example.test;transport=tcp"));
            // TLS for a SIP URI uses the _sips service (§4.2)
            assertEquals(List.of("TLS 192.0.2.92:5071 (tls2.example.test)"), r.targets("sip:transport.example.test;transport=tls"));
            // with a port: A/AAAA of the host at that port
            assertEquals(List.of("TCP 192.0.2.90:5099 (transport.example.test)"),
                    r.targets("sip:transport.example.test:5099;transport=TCP"));
            // no SRV for that transport: A/AAAA at the transport's default port
            assertEquals(List.of("TCP 192.0.2.70:5060 (aonly.example.test)",
                    "TCP [2001:db8:0:0:0:0:0:70]:5060 (aonly.example.test)"), r.targets("sip:aonly.example.test;transport=tcp"));
        }
    }

    @Test
    void rfc3263_4_1_sipsWithTransportTcpIsTls() throws Exception {
        try (TestResolver r = resolver()) {
            assertEquals(List.of("TLS 192.0.2.92:5071 (tls2.example.test)"), r.targets("sips:transport.example.test;transport=tcp"));
            SipResolutionException e = r.failure("sips:transport.example.test;transport=udp");
            assertTrue(e.getMessage().contains("transport=udp"), e.getMessage());
        }
    }

    @Test
    void rfc3263_4_1_explicitTransportNotSupportedFails() {
        try (TestResolver r = resolver()) {
            SipResolutionException e = r.failure("sip:transport.example.test;transport=sctp", UDP, TCP);
            assertTrue(e.getMessage().contains("SCTP") && e.getMessage().contains("not supported"), e.getMessage());
            e = r.failure("sip:transport.example.test;transport=foo");
            assertTrue(e.getMessage().contains("unknown transport=foo"), e.getMessage());
        }
    }

    @Test
    void rfc3261_19_1_1_maddrReplacesHost() throws Exception {
        try (TestResolver r = resolver()) {
            assertEquals(List.of("UDP 192.0.2.99:5060"), r.targets("sip:alice@naptr.example.test;maddr=192.0.2.99"));
            assertEquals(List.of("UDP 192.0.2.70:5090 (aonly.example.test)",
                    "UDP [2001:db8:0:0:0:0:0:70]:5090 (aonly.example.test)"),
                    r.targets("sip:alice@192.0.2.1:5090;maddr=aonly.example.test"));
            assertEquals(List.of("TLS 192.0.2.11:5061 (tls1.example.test)"), r.targets("sips:alice@192.0.2.1;maddr=naptr.example.test"));
            assertEquals(List.of("UDP [2001:db8:0:0:0:0:0:99]:5060"), r.targets("sip:alice@naptr.example.test;maddr=[2001:db8::99]"));
        }
    }

    @Test
    void rfc2782_srvPriorityThenWeightedOrderDeterministic() throws Exception {
        // priority 10 arranged as w0 (weight 0 first), w1 (60), w2 (30): running sums 0, 60, 90
        // draw 75 of [0,90] -> w2; then w0 (0), w1 (60): draw 0 -> w0; then w1: draw 60; priority 20: backup, draw 0
        ScriptedRandom random = new ScriptedRandom(75, 0, 60, 0);
        try (TestResolver r = new TestResolver(dns.address(), random, s -> s)) {
            assertEquals(List.of(
                    "UDP 192.0.2.62:5060 (w2.example.test)",
                    "UDP 192.0.2.60:5060 (w0.example.test)",
                    "UDP 192.0.2.61:5060 (w1.example.test)",
                    "UDP 192.0.2.69:5060 (backup.example.test)"),
                    r.targets("sip:weights.example.test", UDP));
            assertEquals(List.of(91, 61, 61, 1), random.bounds());
            assertTrue(random.exhausted());
        }
    }

    @Test
    void rfc2782_srvWeightsStatisticallyOverManyResolutions() throws Exception {
        int n = 1000;
        Map<String, Integer> first = new HashMap<>();
        try (TestResolver r = new TestResolver(dns.address(), new Random(20240501L), s -> s)) {
            for (int i = 0; i < n; i++) {
                List<SipTarget> t = r.resolve("sip:weights.example.test", UDP);
                assertEquals("backup.example.test", t.get(3).hostName(), "priority 20 always last");
                first.merge(t.get(0).hostName(), 1, Integer::sum);
            }
            assertTrue(r.cacheHits() > 0, "repeated resolutions are served from the cache");
        }
        // P(first) = weight share of the draw in [0, 90]: w1 60/91, w2 30/91, w0 1/91 (draw 0 only)
        assertEquals(60.0 / 91, first.getOrDefault("w1.example.test", 0) / (double) n, 0.05, first.toString());
        assertEquals(30.0 / 91, first.getOrDefault("w2.example.test", 0) / (double) n, 0.05, first.toString());
        assertEquals(1.0 / 91, first.getOrDefault("w0.example.test", 0) / (double) n, 0.02, first.toString());
    }

    @Test
    void rfc2782_srvTargetDotMeansServiceNotAvailable() {
        try (TestResolver r = resolver()) {
            SipResolutionException e = r.failure("sip:nosip.example.test", UDP, TCP);
            assertTrue(e.getMessage().contains("nosip.example.test"), e.getMessage());
        }
    }

    @Test
    void rfc3263_4_3_nxdomainFailsNamingTheHost() {
        try (TestResolver r = resolver()) {
            SipResolutionException e = r.failure("sip:alice@nothere.example.test");
            assertTrue(e.getMessage().contains("nothere.example.test") && e.getMessage().contains("does not exist"),
                    e.getMessage());
        }
    }

    @Test
    void rfc3263_4_3_noUsableRecordsFailsNamingTheHost() {
        try (TestResolver r = resolver()) {
            SipResolutionException e = r.failure("sip:txtonly.example.test");
            assertTrue(e.getMessage().contains("no NAPTR, SRV or A/AAAA records usable for txtonly.example.test"),
                    e.getMessage());
        }
    }

    @Test
    void rfc6761_6_3_localhostNeverAskedOfDns() throws Exception {
        Path hosts = Files.createTempFile(Path.of("target"), "hosts", "");
        Files.writeString(hosts, "# test hosts file\n127.0.0.1 localhost\n192.0.2.200 pbx.example.test pbx\n");
        try (TestResolver noHostsFile = resolver();
                TestResolver withHostsFile = new TestResolver(dns.address(), new Random(1), TestResolver.hosts(hosts))) {
            assertEquals(List.of("UDP 127.0.0.1:5060 (localhost)", "UDP [0:0:0:0:0:0:0:1]:5060 (localhost)"),
                    noHostsFile.targets("sip:localhost"));
            assertEquals(List.of("UDP 127.0.0.1:5070 (localhost)"), withHostsFile.targets("sip:localhost:5070"));
            assertEquals(List.of("TLS 192.0.2.200:5061 (pbx.example.test)"), withHostsFile.targets("sips:pbx.example.test"));
            assertEquals(0, noHostsFile.queries() + withHostsFile.queries());
        } finally {
            Files.deleteIfExists(hosts);
        }
    }

    @Test
    void metricsCountResolutionsQueriesAndFailures() throws Exception {
        try (TestResolver r = resolver()) {
            r.resolve("sip:aonly.example.test");
            long queries = r.queries();
            assertTrue(queries >= 3, "NAPTR, SRV and A/AAAA queries: " + queries);
            r.resolve("sip:aonly.example.test");
            assertEquals(queries, r.queries(), "second time from the cache");
            assertTrue(r.cacheHits() >= queries);
            r.failure("sip:nothere.example.test");
            assertEquals(3, r.metrics.value(DnsMetrics.RESOLUTIONS));
            assertEquals(1, r.metrics.value(DnsMetrics.FAILURES));
        }
    }
}
