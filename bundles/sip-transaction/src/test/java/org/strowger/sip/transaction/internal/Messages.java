package org.strowger.sip.transaction.internal;

import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.SipUri;

/** Requests and responses for tests. */
final class Messages {

    private Messages() {
    }

    /** A request as a UA core would hand it to the layer: no Via yet. */
    static SipRequest request(String method, String requestUri, String callId, long cseq) {
        SipRequest r = new SipRequest(SipMethod.valueOf(method), SipUri.parse(requestUri));
        r.addHeader(HeaderNames.MAX_FORWARDS, "70");
        r.addHeader(HeaderNames.FROM, "\"Alice\" <sip:alice@example.com>;tag=alice1");
        r.addHeader(HeaderNames.TO, "<sip:bob@example.com>");
        r.addHeader(HeaderNames.CALL_ID, callId);
        r.addHeader(HeaderNames.CSEQ, cseq + " " + method);
        r.addHeader(HeaderNames.CONTACT, "<sip:alice@127.0.0.1:5060>");
        return r;
    }

    static SipRequest invite(String requestUri, String callId) {
        SipRequest r = request("INVITE", requestUri, callId, 1);
        r.setBody("application/sdp", "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return r;
    }

    /** A request as a peer sends it: with its own top Via. */
    static SipRequest incoming(String method, String callId, long cseq, String branch) {
        SipRequest r = request(method, "sip:bob@127.0.0.1:5060", callId, cseq);
        r.prependHeader(HeaderNames.VIA, "SIP/2.0/UDP 127.0.0.2:5060" + (branch == null ? "" : ";branch=" + branch));
        return r;
    }

    /** A response to {@code request}; {@code toTag} null leaves the To as it is. */
    static SipResponse response(SipRequest request, int status, String toTag) {
        SipResponse r = SipResponse.createFor(request, status);
        if (toTag != null && r.to().tag() == null) {
            r.setHeader(HeaderNames.TO, r.header(HeaderNames.TO) + ";tag=" + toTag);
        }
        return r;
    }
}
