package org.strowger.sip.transaction.internal;

import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.SipHeader;
import org.strowger.sip.message.api.SipRequest;

/** Copies of requests: each RFC 3263 attempt owns its request, with its own branch (RFC 3263 §4.3). */
final class MessageCopy {

    private MessageCopy() {
    }

    static SipRequest of(SipRequest request) {
        SipRequest copy = new SipRequest(request.method(), request.requestUri());
        for (SipHeader h : request.headers()) {
            copy.addHeader(h.name(), h.value());
        }
        if (request.body().length > 0) {
            copy.setBody(request.header(HeaderNames.CONTENT_TYPE), request.body());
        }
        return copy;
    }
}
