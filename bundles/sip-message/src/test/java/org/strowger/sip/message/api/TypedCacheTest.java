package org.strowger.sip.message.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Editing one header forgets only that header's typed value: the transport stamps received/rport
 * into the top Via of every request (RFC 3261 §18.2.1, RFC 3581 §4), which must not throw away the
 * From, To, CSeq and Contact the parser has already parsed and cached.
 */
class TypedCacheTest {

    private static SipMessage parsed() {
        return new SipParser(SipCodecConfig.DEFAULTS).parse(SipParserTest.INVITE.getBytes(StandardCharsets.UTF_8)).message();
    }

    @Test
    void stampingTheTopViaKeepsTheOtherParsedHeaders() {
        SipMessage m = parsed();
        NameAddr from = m.from();
        NameAddr to = m.to();
        CSeq cseq = m.cseq();
        Object contacts = m.contacts();
        m.setTopVia(m.topVia().withParam("received", "192.0.2.9").withParam("rport", "5070"));
        assertSame(from, m.from());
        assertSame(to, m.to());
        assertSame(cseq, m.cseq());
        assertSame(contacts, m.contacts());
        assertEquals("192.0.2.9", m.topVia().received(), "the edited header is re-read");
        assertEquals(5070, m.topVia().rport());
    }

    @Test
    void editingAHeaderForgetsItsOwnTypedValue() {
        SipMessage m = parsed();
        NameAddr from = m.from();
        m.setHeader("t", "<sip:carol@example.com>;tag=9");
        assertEquals("9", m.to().tag());
        assertSame(from, m.from());
        m.addHeader("v", "SIP/2.0/TCP 192.0.2.7;branch=z9hG4bKx");
        assertEquals(2, m.vias().size());
        Long before = m.expires();
        m.addHeader("Expires", "60");
        assertEquals(null, before);
        assertEquals(60L, m.expires());
        m.removeHeader("expires");
        assertEquals(null, m.expires());
        MediaType ct = m.contentType();
        m.setBody("text/plain", new byte[] {'x'});
        assertNotSame(ct, m.contentType());
        assertEquals("text", m.contentType().type());
        assertSame(from, m.from());
    }
}
