package org.strowger.sip.transaction.internal;

import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;

/**
 * The ACK an INVITE client transaction sends for a 300–699 response, RFC 3261 §17.1.1.3: same
 * Request-URI, Call-ID and From as the INVITE, CSeq number of the INVITE with method ACK, the To of
 * the response (with its tag), the single top Via of the INVITE (same branch, so it matches the server
 * transaction) and the INVITE's Route header fields. No body.
 */
final class AckBuilder {

    private AckBuilder() {
    }

    static SipRequest forNon2xx(SipRequest invite, SipResponse response) {
        SipRequest ack = new SipRequest(SipMethod.ACK, invite.requestUri());
        ack.addHeader(HeaderNames.VIA, invite.topVia().toString());
        Integer maxForwards = invite.maxForwards();
        ack.addHeader(HeaderNames.MAX_FORWARDS, Integer.toString(maxForwards == null ? 70 : maxForwards));
        for (String route : invite.headerValues(HeaderNames.ROUTE)) {
            ack.addHeader(HeaderNames.ROUTE, route);
        }
        ack.addHeader(HeaderNames.FROM, invite.header(HeaderNames.FROM));
        ack.addHeader(HeaderNames.TO, response.header(HeaderNames.TO));
        ack.addHeader(HeaderNames.CALL_ID, invite.callId());
        ack.addHeader(HeaderNames.CSEQ, invite.cseq().sequence() + " " + SipMethod.ACK.name());
        return ack;
    }
}
