package org.strowger.sip.message.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.strowger.sip.message.api.Torture.invalid;
import static org.strowger.sip.message.api.Torture.request;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 5118 "SIP Torture Test Messages for IPv6", §4: one test per message named after its section. */
class Rfc5118Test {
    private static final String D = "rfc5118/";
    /** RFC 5118 §4.2 and §4.10 (second message, per the RFC 5954 corrected ABNF) are invalid. */
    private static final Set<String> INVALID = Set.of(D + "ipv6-bad.dat", D + "ipv6-bug-abnf-3-colons.dat");

    static List<String> validMessages() {
        return Torture.list("rfc5118").stream().filter(n -> !INVALID.contains(n)).toList();
    }

    @Test
    void rfc5118_files_areAllClassified() {
        assertEquals(12, Torture.list("rfc5118").size());
        assertEquals(10, validMessages().size());
    }

    @ParameterizedTest
    @MethodSource("validMessages")
    void rfc5118_4_everyValidMessageParsesAndRoundTrips(String resource) {
        Torture.assertRoundTrip(Torture.valid(resource));
    }

    @Test
    void rfc5118_4_1_ipv6good_validIpv6Reference() {
        SipRequest m = request(D + "ipv6-good.dat");
        SipUri ruri = (SipUri) m.requestUri();
        assertEquals("[2001:db8::10]", ruri.host());
        assertEquals(-1, ruri.port());
        assertEquals("[2001:db8::9:1]", m.topVia().host());
        assertEquals("[2001:db8::1]", ((SipUri) m.contacts().get(0).uri()).host());
        assertEquals("Caller", m.contacts().get(0).displayName());
    }

    @Test
    void rfc5118_4_2_ipv6bad_ipv6WithoutBrackets_isRejectedWith400() {
        invalid(D + "ipv6-bad.dat", 400, "Request-URI");
    }

    @Test
    void rfc5118_4_3_portAmbiguous_lastGroupIsNotAPort() {
        SipRequest m = request(D + "port-ambiguous.dat");
        SipUri ruri = (SipUri) m.requestUri();
        assertEquals("[2001:db8::10:5070]", ruri.host());
        assertEquals(-1, ruri.port());
    }

    @Test
    void rfc5118_4_4_portUnambiguous_portAfterBracket() {
        SipRequest m = request(D + "port-unambiguous.dat");
        SipUri ruri = (SipUri) m.requestUri();
        assertEquals("[2001:db8::10]", ruri.host());
        assertEquals(5070, ruri.port());
    }

    @Test
    void rfc5118_4_5_viaReceivedParamWithDelimiters_isAccepted() {
        SipRequest m = request(D + "via-received-param-with-delim.dat");
        assertEquals(SipMethod.BYE, m.method());
        assertEquals("[2001:db8::9:1]", m.topVia().host());
        assertEquals("[2001:db8::9:255]", m.topVia().received());
        assertEquals("z9hG4bKas3-111-via-received-param-with-delim", m.topVia().branch());
    }

    @Test
    void rfc5118_4_5_viaReceivedParamWithoutDelimiters_isAccepted() {
        SipRequest m = request(D + "via-received-param-no-delim.dat");
        assertEquals("2001:db8::9:255", m.topVia().received());
        assertEquals("z9hG4bKas3", m.topVia().branch());
    }

    @Test
    void rfc5118_4_6_ipv6InSdp_bodyFramedByContentLength() {
        SipRequest m = request(D + "ipv6-in-sdp.dat");
        assertEquals(251, m.contentLength());
        assertTrue(new String(m.body(), java.nio.charset.StandardCharsets.US_ASCII).contains("IP6 2001:db8::20"));
        assertEquals("[2001:db8::20]", m.topVia().host());
    }

    @Test
    void rfc5118_4_7_multipleIpAddressesInHeaders() {
        SipRequest m = request(D + "mult-ip-in-header.dat");
        List<Via> vias = m.vias();
        assertEquals(3, vias.size());
        assertEquals("[2001:db8::9:1]", vias.get(0).host());
        assertEquals(6050, vias.get(0).port());
        assertEquals("192.0.2.1", vias.get(1).host());
        assertEquals("[2001:db8::9:255]", vias.get(2).host());
        assertEquals("TCP", vias.get(2).transport());
        assertEquals("192.0.2.200", vias.get(2).received());
    }

    @Test
    void rfc5118_4_8_multipleIpAddressesInSdp() {
        SipRequest m = request(D + "mult-ip-in-sdp.dat");
        assertEquals(189, m.contentLength());
        assertEquals("[2001:db8::10]", ((SipUri) m.requestUri()).host());
    }

    @Test
    void rfc5118_4_9_ipv4MappedIpv6Addresses() {
        SipRequest m = request(D + "ipv4-mapped-ipv6.dat");
        assertEquals("[::ffff:192.0.2.10]", m.topVia().host());
        assertEquals(19823, m.topVia().port());
        assertEquals("[::ffff:192.0.2.2]", m.vias().get(1).host());
        assertEquals("[::ffff:192.0.2.2]", ((SipUri) m.contacts().get(0).uri()).host());
    }

    @Test
    void rfc5118_4_10_ipv6CorrectAbnfTwoColons_isAccepted() {
        SipRequest m = request(D + "ipv6-correct-abnf-2-colons.dat");
        assertEquals("[2001:db8::192.0.2.1]", ((SipUri) m.requestUri()).host());
        assertEquals("[2001:db8::192.0.2.1]", ((SipUri) m.to().uri()).host());
    }

    @Test
    void rfc5118_4_10_ipv6BugAbnfThreeColons_isRejectedWith400() {
        invalid(D + "ipv6-bug-abnf-3-colons.dat", 400, "IPv6");
    }
}
