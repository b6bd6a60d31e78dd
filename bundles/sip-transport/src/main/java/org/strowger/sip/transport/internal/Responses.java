package org.strowger.sip.transport.internal;

import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.SipHeader;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.message.api.SipResponse;

/** Responses the transport itself sends (framing errors, 503 without an upper layer). */
final class Responses {

    private Responses() {
    }

    /**
     * A response to {@code request} (or built from the headers of another response to it, such as a
     * parse failure's error response) with Via (all, in order), From, To, Call-ID and CSeq copied (RFC
     * 3261 §8.2.6.2) and the given reason phrase (null: the standard one).
     */
    static SipResponse create(SipMessage request, int statusCode, String reason) {
        SipResponse response = new SipResponse(statusCode, reason);
        for (SipHeader h : request.headers()) {
            String name = h.name();
            if (name.equals(HeaderNames.VIA) || name.equals(HeaderNames.FROM) || name.equals(HeaderNames.TO)
                    || name.equals(HeaderNames.CALL_ID) || name.equals(HeaderNames.CSEQ)) {
                response.addHeader(name, h.value());
            }
        }
        return response;
    }
}
