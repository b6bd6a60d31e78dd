package org.strowger.sip.message.api;

import java.util.List;

import org.strowger.sip.message.internal.StatelessTag;

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
     * CSeq copied; reason phrase from {@link StatusCodes}. The caller adds a To tag when one is needed
     * (for a stateless answer: {@link #addStatelessToTag()}).
     */
    public static SipResponse createFor(SipRequest request, int statusCode) {
        return createFor(request, statusCode, null);
    }

    /**
     * A response built from the Via, From, To, Call-ID and CSeq of {@code message} (RFC 3261
     * §8.2.6): a request, or another response to the same request (e.g. a parse failure's error
     * response re-issued with another status).
     *
     * @param reasonPhrase null for the standard phrase of {@link StatusCodes}
     */
    public static SipResponse createFor(SipMessage message, int statusCode, String reasonPhrase) {
        SipResponse response = new SipResponse(statusCode, reasonPhrase);
        for (SipHeader h : message.headers()) {
            String name = h.name();
            if (name.equals(HeaderNames.VIA) || name.equals(HeaderNames.FROM) || name.equals(HeaderNames.TO)
                    || name.equals(HeaderNames.CALL_ID) || name.equals(HeaderNames.CSEQ)) {
                response.addHeader(name, h.value());
            }
        }
        return response;
    }

    /**
     * Adds a To tag when the To has none, for a response sent without transaction state (RFC 3261
     * §8.2.6.2 "the UAS MUST add a tag", §8.2.7 "generated in a stateless manner"): a salted hash
     * of the request's identity as copied into this response (Call-ID, From, CSeq, top Via), so
     * every retransmission of the request gets the same tag while tags stay unguessable (§19.3).
     * A To that does not parse is left unchanged.
     */
    public void addStatelessToTag() {
        String to = header(HeaderNames.TO);
        if (to == null) {
            return;
        }
        try {
            if (to().tag() != null) {
                return;
            }
        } catch (RuntimeException e) {
            return;
        }
        List<String> vias = headerValues(HeaderNames.VIA);
        String tag = StatelessTag.of(header(HeaderNames.CALL_ID), header(HeaderNames.FROM), header(HeaderNames.CSEQ),
                vias.isEmpty() ? null : vias.get(0));
        setHeader(HeaderNames.TO, to + ";tag=" + tag);
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
