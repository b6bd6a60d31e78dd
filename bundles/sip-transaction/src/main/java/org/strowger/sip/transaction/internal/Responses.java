package org.strowger.sip.transaction.internal;

import java.time.Duration;
import java.util.Locale;

import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.StatusCodes;

/** The responses the layer makes itself. */
final class Responses {

    /** RFC 3261 §20.38 (not among the sip-message header names). */
    static final String TIMESTAMP = "Timestamp";

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

    /**
     * A 100 Trying (RFC 3261 §17.2.1: §8.2.6 without adding a To tag) with the request's Timestamp
     * copied (§8.2.6.1 MUST). When the 100 leaves {@code delay} after the request arrived and the
     * Timestamp has no delay yet, the delay is added in seconds (§8.2.6.1 SHOULD, §20.38).
     */
    static SipResponse trying(SipRequest request, Duration delay) {
        SipResponse trying = SipResponse.createFor(request, StatusCodes.TRYING, null);
        String timestamp = request.header(TIMESTAMP);
        if (timestamp != null) {
            trying.addHeader(TIMESTAMP, withDelay(timestamp.strip(), delay));
        }
        return trying;
    }

    /** {@code "54 0.200"} from {@code "54"} and 200 ms; unchanged if it already has a delay or none passed. */
    private static String withDelay(String timestamp, Duration delay) {
        if (delay.isZero() || delay.isNegative() || timestamp.isEmpty() || timestamp.chars().anyMatch(Character::isWhitespace)) {
            return timestamp;
        }
        long millis = delay.toMillis();
        return timestamp + " " + (millis / 1000) + "." + String.format(Locale.ROOT, "%03d", millis % 1000);
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
