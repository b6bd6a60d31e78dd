package org.strowger.sip.transaction.internal;

import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.StatusCodes;

/** The responses the layer makes itself. */
final class Responses {

    private Responses() {
    }

    /**
     * A 503 with Retry-After for a request the layer refuses without a transaction (overload, no
     * transaction user, queue full): stateless, so the To tag is derived from the request (§8.2.7)
     * and a retransmission gets the same answer.
     */
    static SipResponse serviceUnavailable(SipRequest request, String why, int retryAfterSeconds) {
        SipResponse response = SipResponse.createFor(request, StatusCodes.SERVICE_UNAVAILABLE,
                reason(StatusCodes.SERVICE_UNAVAILABLE, why));
        response.addStatelessToTag();
        response.addHeader(HeaderNames.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        return response;
    }

    /** A response the client transaction user gets instead of a real one (RFC 3261 §8.1.3.1). */
    static SipResponse synthesized(SipRequest request, int status, String why) {
        return SipResponse.createFor(request, status, reason(status, why));
    }

    /** {@code "Service Unavailable (why)"}, or just the standard phrase when {@code why} is already one. */
    static String reason(int status, String why) {
        String standard = StatusCodes.reasonPhrase(status);
        if (why == null || why.isBlank() || why.equals(standard)) {
            return standard;
        }
        if (why.startsWith(standard)) {
            return safe(why);
        }
        return safe(standard + " (" + why + ")");
    }

    /** A 100 Trying (RFC 3261 §17.2.1: §8.2.6 without adding a To tag). */
    static SipResponse trying(SipMessage request) {
        return SipResponse.createFor(request, StatusCodes.TRYING, null);
    }

    private static String safe(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), 256));
        for (int i = 0; i < text.length() && b.length() < 256; i++) {
            char c = text.charAt(i);
            b.append(c < ' ' || c == 127 ? ' ' : c);
        }
        return b.toString();
    }
}
