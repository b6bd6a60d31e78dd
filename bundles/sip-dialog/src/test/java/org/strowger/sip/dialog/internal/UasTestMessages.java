package org.strowger.sip.dialog.internal;

import java.nio.charset.StandardCharsets;

import org.strowger.sip.message.api.ParseResult;
import org.strowger.sip.message.api.SipCodecConfig;
import org.strowger.sip.message.api.SipParser;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;

/** Parsed requests and responses for the UAS-check, RFC 3262 and RFC 4028 tests. */
final class UasTestMessages {
    private static final SipParser PARSER = new SipParser(SipCodecConfig.DEFAULTS);

    private UasTestMessages() {
    }

    /**
     * An INVITE from alice to bob without To tag, body-less; {@code extraHeaders} (CRLF-terminated
     * lines) are inserted after Max-Forwards.
     */
    static SipRequest invite(String extraHeaders) {
        return request("INVITE", "sip:bob@biloxi.example.com", "z9hG4bK776asdhds", 314159, extraHeaders, "");
    }

    static SipRequest request(String method, String requestUri, String branch, long cseq, String extraHeaders,
            String body) {
        String text = method + " " + requestUri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + extraHeaders
                + "To: Bob <sip:bob@biloxi.example.com>\r\n"
                + "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
                + "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sip:alice@pc33.atlanta.example.com>\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + "\r\n"
                + body;
        return (SipRequest) parse(text);
    }

    static SipResponse response(String text) {
        return (SipResponse) parse(text);
    }

    /** A response to {@link #invite} with the given status line and extra header lines. */
    static SipResponse responseToInvite(int status, String reason, String extraHeaders) {
        return response("SIP/2.0 " + status + " " + reason + "\r\n"
                + "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n"
                + "To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\r\n"
                + "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
                + "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
                + "CSeq: 314159 INVITE\r\n"
                + extraHeaders
                + "Content-Length: 0\r\n"
                + "\r\n");
    }

    private static Object parse(String text) {
        ParseResult r = PARSER.parse(text.getBytes(StandardCharsets.UTF_8));
        if (!r.isSuccess()) {
            throw new IllegalArgumentException("test message does not parse: " + r + "\n" + text);
        }
        return r.message();
    }
}
