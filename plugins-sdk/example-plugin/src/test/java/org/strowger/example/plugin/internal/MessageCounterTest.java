package org.strowger.example.plugin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.strowger.example.plugin.api.MessageCounts;
import org.strowger.sip.message.api.ParseResult;
import org.strowger.sip.message.api.SipCodecConfig;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipParser;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.SipUri;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.Transport;

class MessageCounterTest {

    private static final Flow UDP = new Flow(Transport.UDP, new InetSocketAddress("127.0.0.1", 5060),
            new InetSocketAddress("127.0.0.1", 40000), 0);

    private static final String OPTIONS = "OPTIONS sip:strowger@127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bK776asdhds\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: <sip:strowger@127.0.0.1>\r\n"
            + "From: <sip:probe@127.0.0.1>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@127.0.0.1\r\n"
            + "CSeq: 63104 OPTIONS\r\n"
            + "Content-Length: 0\r\n\r\n";

    private static final String OK = "SIP/2.0 200 OK\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bK776asdhds;received=127.0.0.1\r\n"
            + "To: <sip:strowger@127.0.0.1>;tag=93810874\r\n"
            + "From: <sip:probe@127.0.0.1>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@127.0.0.1\r\n"
            + "CSeq: 63104 OPTIONS\r\n"
            + "Content-Length: 0\r\n\r\n";

    private final MessageCounter counter = new MessageCounter();

    private static SipMessage parse(String text) {
        ParseResult result = new SipParser(SipCodecConfig.DEFAULTS).parse(text.getBytes(StandardCharsets.US_ASCII));
        assertTrue(result.isSuccess(), () -> "test message does not parse: " + result);
        return result.message();
    }

    @Test
    void startsEmpty() {
        assertEquals(Map.of(), counter.snapshot());
    }

    @Test
    void optionsInAndItsOkOutAreCountedByDirectionMethodAndClass() {
        counter.onReceived(parse(OPTIONS), UDP);
        counter.onSent(parse(OK), UDP);
        assertEquals(Map.of("in.request.OPTIONS", 1L, "out.response.2xx", 1L), counter.snapshot());
    }

    @Test
    void requestsSentAndResponsesReceivedAreCountedToo() {
        counter.onSent(new SipRequest(SipMethod.INVITE, SipUri.parse("sip:bob@127.0.0.1")), UDP);
        counter.onReceived(new SipResponse(180, "Ringing"), UDP);
        counter.onReceived(new SipResponse(486, "Busy Here"), UDP);
        counter.onReceived(new SipResponse(404, "Not Found"), UDP);
        assertEquals(Map.of("out.request.INVITE", 1L, "in.response.1xx", 1L, "in.response.4xx", 2L),
                counter.snapshot());
    }

    @Test
    void methodsNotDefinedByAnRfcShareOneKey() {
        for (String token : new String[] {"FOO", "BAR", "options", "XINVITE"}) {
            counter.onReceived(new SipRequest(SipMethod.valueOf(token), SipUri.parse("sip:x@127.0.0.1")), UDP);
        }
        counter.onReceived(new SipRequest(SipMethod.MESSAGE, SipUri.parse("sip:x@127.0.0.1")), UDP);
        assertEquals(Map.of("in.request." + MessageCounts.OTHER_METHOD, 4L, "in.request.MESSAGE", 1L),
                counter.snapshot());
    }

    @Test
    void snapshotIsSortedAndReadOnly() {
        counter.onSent(new SipResponse(200, "OK"), UDP);
        counter.onReceived(new SipRequest(SipMethod.REGISTER, SipUri.parse("sip:127.0.0.1")), UDP);
        counter.onReceived(new SipRequest(SipMethod.BYE, SipUri.parse("sip:127.0.0.1")), UDP);
        Map<String, Long> snapshot = counter.snapshot();
        assertEquals("[in.request.BYE, in.request.REGISTER, out.response.2xx]", snapshot.keySet().toString());
        assertThrows(UnsupportedOperationException.class, () -> snapshot.put("in.request.ACK", 1L));
    }

    @Test
    void snapshotIsACopy() {
        counter.onReceived(parse(OPTIONS), UDP);
        Map<String, Long> before = counter.snapshot();
        counter.onReceived(parse(OPTIONS), UDP);
        assertEquals(1L, before.get("in.request.OPTIONS"));
        assertEquals(2L, counter.snapshot().get("in.request.OPTIONS"));
    }
}
