package org.strowger.sip.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.strowger.sip.dns.api.TargetTransport;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;

/** RFC 3263 §4.1 NAPTR filtering and ordering, without DNS. */
class NaptrSelectionTest {

    private static final Name OWNER = Name.fromConstantString("example.test.");

    private static NAPTRRecord naptr(int order, int pref, String flags, String service, String replacement) {
        return new NAPTRRecord(OWNER, DClass.IN, 60, order, pref, flags, service, "",
                Name.fromConstantString(replacement));
    }

    private static List<String> select(List<NAPTRRecord> in, boolean sips, EnumSet<TargetTransport> supported) {
        return NaptrSelection.select(in, sips, supported).stream()
                .map(c -> c.transport() + " " + c.srvName().toString(true)).toList();
    }

    private static final List<NAPTRRecord> RECORDS = List.of(
            naptr(90, 50, "s", "sip+d2t", "_sip._tcp.example.test."),
            naptr(100, 50, "s", "SIP+D2U", "_sip._udp.example.test."),
            naptr(50, 50, "s", "SIPS+D2T", "_sips._tcp.example.test."),
            naptr(50, 40, "S", "SIPS+D2W", "_sips._ws.example.test."),
            naptr(10, 10, "U", "E2U+sip", "."),
            naptr(20, 10, "", "SIP+D2U", "other.example.test."),
            naptr(30, 10, "S", "SIP+D2X", "_sip._x.example.test."),
            naptr(40, 10, "S", "SIP+D2U", "."));

    @Test
    void rfc3263_4_1_orderThenPreferenceOnlySFlagAndKnownServices() {
        assertEquals(List.of("WSS _sips._ws.example.test", "TLS _sips._tcp.example.test", "TCP _sip._tcp.example.test",
                "UDP _sip._udp.example.test"), select(RECORDS, false, EnumSet.allOf(TargetTransport.class)));
    }

    @Test
    void rfc3263_4_1_sipUriKeepsSipsServicesTheClientSupports() {
        assertEquals(List.of("TLS _sips._tcp.example.test", "UDP _sip._udp.example.test"),
                select(RECORDS, false, EnumSet.of(TargetTransport.UDP, TargetTransport.TLS)));
    }

    @Test
    void rfc3263_4_1_sipsUriDiscardsNonSipsServices() {
        assertEquals(List.of("WSS _sips._ws.example.test", "TLS _sips._tcp.example.test"),
                select(RECORDS, true, EnumSet.allOf(TargetTransport.class)));
    }

    @Test
    void rfc3263_4_1_unsupportedTransportsDiscarded() {
        assertEquals(List.of(), select(RECORDS, false, EnumSet.of(TargetTransport.SCTP)));
    }
}
