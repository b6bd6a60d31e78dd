package org.strowger.sip.message.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** URIs (RFC 3261 §19.1, RFC 3966), Via and name-addr values. */
class UriTest {
    @Test
    void rfc3261_19_1_1_sipsUriWithEverything() {
        SipUri u = SipUri.parse("sips:alice:secret@atlanta.example.com:5061;transport=TCP;lr?subject=project%20x&priority=urgent");
        assertTrue(u.isSecure());
        assertEquals("sips", u.scheme());
        assertEquals("alice", u.user());
        assertEquals("secret", u.password());
        assertEquals("atlanta.example.com", u.host());
        assertEquals(5061, u.port());
        assertEquals("tcp", u.transportParam());
        assertTrue(u.isLooseRouting());
        assertEquals("project%20x", u.headers().get("subject"));
        assertEquals("urgent", u.headers().get("priority"));
        assertEquals("sips:alice:secret@atlanta.example.com:5061;transport=TCP;lr?subject=project%20x&priority=urgent", u.toString());
    }

    @Test
    void builtUrisSerialize() {
        SipUri u = SipUri.of("a b", "[2001:db8::1]", 5060).withParam("transport", "udp").withParam("lr", null);
        assertEquals("sip:a%20b@[2001:db8::1]:5060;transport=udp;lr", u.toString());
        assertEquals(u, SipUri.parse(u.toString()));
        assertEquals("a b", SipUri.parse(u.toString()).user());
        assertEquals("SIP/2.0/TCP [2001:db8::1]:5070;branch=z9hG4bKx", Via.of("tcp", "[2001:db8::1]", 5070, "z9hG4bKx").toString());
        NameAddr n = new NameAddr("A \"quoted\" name", u, null).withTag("t1");
        assertEquals("\"A \\\"quoted\\\" name\" <sip:a%20b@[2001:db8::1]:5060;transport=udp;lr>;tag=t1", n.toString());
        assertEquals(n, NameAddr.parse(n.toString()));
    }

    @Test
    void rfc3261_19_1_2_escapesDecodeAsUtf8() {
        assertEquals("caf\u00e9 \uD83D\uDE00", SipUri.parse("sip:caf%C3%A9%20%F0%9F%98%80@h").user());
        assertEquals("a%zb", SipUri.parse("sip:a%25zb@h").user());
    }

    @Test
    void rfc2046_5_1_multipartBodies() {
        byte[] body = ("preamble\r\n--b1\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n\r\n--b1\r\n\r\nplain\r\n--b1--\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.util.List<BodyPart> parts = MultipartBody.parse(MediaType.parse("multipart/mixed;boundary=\"b1\""), body);
        assertEquals(2, parts.size());
        assertEquals("application/sdp", parts.get(0).contentType().mimeType());
        assertEquals("v=0\r\n", new String(parts.get(0).content(), java.nio.charset.StandardCharsets.US_ASCII));
        assertNull(parts.get(1).contentType());
        assertEquals("plain", new String(parts.get(1).content(), java.nio.charset.StandardCharsets.US_ASCII));
        assertThrows(MalformedHeaderException.class,
                () -> MultipartBody.parse(MediaType.parse("multipart/mixed;boundary=zz"), body));
        assertThrows(MalformedHeaderException.class,
                () -> MultipartBody.parse(MediaType.parse("multipart/mixed"), body));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "sip:%61lice@atlanta.com;transport=TCP | sip:alice@AtLanTa.CoM;Transport=tcp",
        "sip:carol@chicago.com | sip:carol@chicago.com;newparam=5",
        "sip:carol@chicago.com;security=on | sip:carol@chicago.com;newparam=5",
        "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com | sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com",
        "sip:alice@atlanta.com?subject=project%20x&priority=urgent | sip:alice@atlanta.com?priority=urgent&subject=project%20x"})
    void rfc3261_19_1_4_equivalentUris(String a, String b) {
        assertTrue(SipUri.parse(a).isEquivalentTo(SipUri.parse(b)));
        assertTrue(SipUri.parse(b).isEquivalentTo(SipUri.parse(a)));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "SIP:ALICE@AtLanTa.CoM;Transport=udp | sip:alice@AtLanTa.CoM;Transport=UDP",
        "sip:bob@biloxi.com | sip:bob@biloxi.com:5060",
        "sip:bob@biloxi.com | sip:bob@biloxi.com;transport=udp",
        "sip:bob@biloxi.com | sip:bob@biloxi.com:6000;transport=tcp",
        "sip:carol@chicago.com | sip:carol@chicago.com?Subject=next%20meeting",
        "sip:bob@phone21.boxesbybob.com | sip:bob@192.0.2.4",
        "sip:carol@chicago.com;security=on | sip:carol@chicago.com;security=off",
        "sip:alice@atlanta.com | sips:alice@atlanta.com"})
    void rfc3261_19_1_4_nonEquivalentUris(String a, String b) {
        assertTrue(!SipUri.parse(a).isEquivalentTo(SipUri.parse(b)));
        assertTrue(!SipUri.parse(b).isEquivalentTo(SipUri.parse(a)));
    }

    @Test
    void rfc3966_telUri() {
        TelUri t = assertInstanceOf(TelUri.class, Uri.parse("tel:+1-201-555-0123;ext=1234"));
        assertTrue(t.isGlobal());
        assertEquals("+1-201-555-0123", t.number());
        assertEquals("1234", t.param("ext"));
        assertEquals("tel:+1-201-555-0123;ext=1234", t.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip:", "sip:@host", "sip:host:99999", "sip:host:", "sip:[::1", "sip:[1:2:3]", "sip:ho st",
        "sip:a@b;=x", "sip:a@b?x", "sip:a%zz@b", "sip:host;p=", "sip:a..b", "1sip:x", "tel:", "tel:+", "<sip:a@b>", "x:"})
    void malformedUrisAreRejected(String text) {
        MalformedHeaderException e = assertThrows(MalformedHeaderException.class, () -> Uri.parse(text));
        assertTrue(e.getMessage().startsWith("Bad URI: "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "1::", "2001:db8::1", "1:2:3:4:5:6:7:8", "::ffff:192.0.2.1", "2001:db8::192.0.2.1",
        "1:2:3:4:5:6:192.0.2.1"})
    void validIpv6References(String addr) {
        assertEquals("[" + addr + "]", SipUri.parse("sip:[" + addr + "]").host());
    }

    @ParameterizedTest
    @ValueSource(strings = {":::", "1:::2", "2001:db8:::192.0.2.1", "1:2:3:4:5:6:7:8:9", "12345::", "1:2:3:4:5:6:7",
        "::192.0.2.256", "g::1", "1::2::3"})
    void invalidIpv6References(String addr) {
        assertThrows(MalformedHeaderException.class, () -> SipUri.parse("sip:[" + addr + "]"));
    }

    @Test
    void rfc3261_20_42_viaValues() {
        Via v = Via.parse("SIP / 2.0 / udp  [2001:db8::9:1] : 5060 ; branch = z9hG4bKabc ; ttl=16;maddr=224.2.0.1;received=192.0.2.1");
        assertEquals("SIP", v.protocolName());
        assertEquals("2.0", v.protocolVersion());
        assertEquals("UDP", v.transport());
        assertEquals("[2001:db8::9:1]", v.host());
        assertEquals(5060, v.port());
        assertEquals("z9hG4bKabc", v.branch());
        assertEquals(16, v.ttl());
        assertEquals("224.2.0.1", v.maddr());
        assertEquals("192.0.2.1", v.received());
        assertTrue(v.hasMagicCookie());
        assertTrue(!v.hasRport());
        assertEquals("SIP/2.0/UDP [2001:db8::9:1]:5060;branch=z9hG4bKabc;ttl=16;maddr=224.2.0.1;received=192.0.2.1", v.toString());
        assertNull(Via.parse("SIP/2.0/UDP h").branch());
        assertEquals(-1, Via.parse("SIP/2.0/UDP h").port());
        assertThrows(MalformedHeaderException.class, () -> Via.parse("SIP/2.0/UDP h;ttl=300"));
        assertThrows(MalformedHeaderException.class, () -> Via.parse("SIP/2.0 h"));
        assertThrows(MalformedHeaderException.class, () -> Via.parse("SIP/2.0/UDP h;;branch=x"));
    }

    @Test
    void rfc3261_20_10_nameAddrForms() {
        NameAddr a = NameAddr.parse("Bob Smith <sip:bob@example.com>;expires=60;q=0.7");
        assertEquals("Bob Smith", a.displayName());
        assertEquals(60L, a.expires());
        assertEquals(0.7f, a.q());
        NameAddr b = NameAddr.parse("sip:bob@example.com;tag=x");
        assertEquals("x", b.tag());
        assertTrue(((SipUri) b.uri()).params().isEmpty());
        assertThrows(MalformedHeaderException.class, () -> NameAddr.parse("<sip:bob@example.com"));
        assertThrows(MalformedHeaderException.class, () -> NameAddr.parse("\"Bob <sip:bob@example.com>"));
        assertThrows(MalformedHeaderException.class, () -> NameAddr.parse("sip:bob@example.com?x=y"));
    }
}
