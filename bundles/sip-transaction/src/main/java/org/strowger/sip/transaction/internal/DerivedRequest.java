package org.strowger.sip.transaction.internal;

import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipRequest;

/**
 * What the ACK for a non-2xx (RFC 3261 §17.1.1.3) and a CANCEL (§9.1) share: a request built from
 * the one it refers to with the same Request-URI, the single top Via (same branch, so the server
 * matches it), Max-Forwards, Route header fields, From, Call-ID and CSeq number — only the method
 * and the To differ.
 */
final class DerivedRequest {

    private DerivedRequest() {
    }

    static SipRequest of(SipMethod method, SipRequest original, String to) {
        SipRequest r = new SipRequest(method, original.requestUri());
        r.addHeader(HeaderNames.VIA, original.topVia().toString());
        Integer maxForwards = original.maxForwards();
        r.addHeader(HeaderNames.MAX_FORWARDS, Integer.toString(maxForwards == null ? 70 : maxForwards));
        for (String route : original.headerValues(HeaderNames.ROUTE)) {
            r.addHeader(HeaderNames.ROUTE, route);
        }
        r.addHeader(HeaderNames.FROM, original.header(HeaderNames.FROM));
        r.addHeader(HeaderNames.TO, to);
        r.addHeader(HeaderNames.CALL_ID, original.callId());
        r.addHeader(HeaderNames.CSEQ, original.cseq().sequence() + " " + method.name());
        return r;
    }
}
