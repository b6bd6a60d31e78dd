package org.strowger.sip.transaction.internal;

import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipRequest;

/**
 * The CANCEL of a pending request, RFC 3261 §9.1: Request-URI, Call-ID, To, From and CSeq number equal
 * to the request's (tags included), CSeq method CANCEL, a single Via equal to the request's top Via (so
 * the server matches it, §9.2), the request's Route header fields, and an optional Reason (RFC 3326).
 */
final class CancelBuilder {

    private CancelBuilder() {
    }

    /** @param reason a Reason header value, or {@code null} for none */
    static SipRequest cancel(SipRequest request, String reason) {
        SipRequest cancel = DerivedRequest.of(SipMethod.CANCEL, request, request.header(HeaderNames.TO));
        if (reason != null && !reason.isBlank()) {
            cancel.addHeader("Reason", reason);
        }
        return cancel;
    }
}
