package org.strowger.sip.message.api;

/** A SIP response (RFC 3261 §7.2): {@code SIP/2.0 SP Status-Code SP Reason-Phrase}. */
public final class SipResponse extends SipMessage {
    private final int statusCode;
    private final String reasonPhrase;

    /**
     * @param statusCode   100-699
     * @param reasonPhrase reason phrase (no CR/LF); null means the default from {@link StatusCodes}
     */
    public SipResponse(int statusCode, String reasonPhrase) {
        if (statusCode < 100 || statusCode > 699) {
            throw new IllegalArgumentException("status code must be 100-699: " + statusCode);
        }
        String reason = reasonPhrase == null ? StatusCodes.reasonPhrase(statusCode) : reasonPhrase;
        if (reason.indexOf('\r') >= 0 || reason.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("reason phrase must not contain CR or LF");
        }
        this.statusCode = statusCode;
        this.reasonPhrase = reason;
    }

    /**
     * A response to {@code request} (RFC 3261 §8.2.6): Via (all, in order), From, To, Call-ID and
     * CSeq copied; reason phrase from {@link StatusCodes}. The caller adds a To tag when one is needed.
     */
    public static SipResponse createFor(SipRequest request, int statusCode) {
        SipResponse response = new SipResponse(statusCode, StatusCodes.reasonPhrase(statusCode));
        for (SipHeader h : request.headers()) {
            String name = h.name();
            if (name.equals(HeaderNames.VIA) || name.equals(HeaderNames.FROM) || name.equals(HeaderNames.TO)
                    || name.equals(HeaderNames.CALL_ID) || name.equals(HeaderNames.CSEQ)) {
                response.addHeader(name, h.value());
            }
        }
        return response;
    }

    @Override
    public boolean isRequest() {
        return false;
    }

    public int statusCode() {
        return statusCode;
    }

    public String reasonPhrase() {
        return reasonPhrase;
    }

    @Override
    public String startLine() {
        return "SIP/2.0 " + statusCode + " " + reasonPhrase;
    }
}
