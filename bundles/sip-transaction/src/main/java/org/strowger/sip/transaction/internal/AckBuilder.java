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
        return DerivedRequest.of(SipMethod.ACK, invite, response.header(HeaderNames.TO));
    }
}
