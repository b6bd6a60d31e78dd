package org.strowger.sip.message.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.strowger.sip.message.internal.ListSplitter;
import org.strowger.sip.message.internal.ViaParser;

/**
 * Why a message could not be parsed, and what to answer (RFC 3261 §8.2.6.2, §16.3, §18.3, §21;
 * RFC 4475 §3.1.2). Only requests get an answer; a malformed response is dropped and counted.
 */
public final class ParseFailure {
    private static final int MAX_REASON = 200;

    private final int statusCode;
    private final String reason;
    private final boolean request;
    private final boolean ack;
    private final List<SipHeader> headers;
    private Optional<SipResponse> errorResponse;

    /**
     * @param statusCode the answer (300-699; in practice 400, 413, 414, 501, 505 or 513)
     * @param reason     names the problem; control characters are replaced, length capped at 200
     * @param request    whether the start line looked like a request
     * @param headers    raw header fields collected before and after the problem, used to build
     *                   {@link #errorResponse()}; may be null
     */
    public ParseFailure(int statusCode, String reason, boolean request, List<SipHeader> headers) {
        this(statusCode, reason, request, headers, false);
    }

    /**
     * As {@link #ParseFailure(int, String, boolean, List)}, for a request whose start line names the
     * ACK method: an ACK is never answered (RFC 3261 §17.1.1.3, §17.2.1), so it has no
     * {@link #errorResponse()}.
     */
    public ParseFailure(int statusCode, String reason, boolean request, List<SipHeader> headers, boolean ack) {
        if (statusCode < 300 || statusCode > 699) {
            throw new IllegalArgumentException("a parse failure answers with an error status (300-699): " + statusCode);
        }
        if (reason == null || reason.isEmpty()) {
            throw new IllegalArgumentException("a parse failure must name the problem");
        }
        this.statusCode = statusCode;
        this.reason = sanitize(reason);
        this.request = request;
        this.ack = request && ack;
        this.headers = headers == null ? List.of() : headers;
    }

    private static String sanitize(String reason) {
        StringBuilder b = new StringBuilder(Math.min(reason.length(), MAX_REASON));
        for (int i = 0; i < reason.length() && b.length() < MAX_REASON; i++) {
            char c = reason.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return b.toString();
    }

    /** 400, 413, 414, 501, 505 or 513. */
    public int statusCode() {
        return statusCode;
    }

    /** Names the problem; usable as a reason phrase (no control characters, at most 200 chars). */
    public String reason() {
        return reason;
    }

    /** True when the start line looked like a request (so an error response is owed). */
    public boolean isRequest() {
        return request;
    }

    /** True when the start line is an ACK request (never answered). */
    public boolean isAck() {
        return ack;
    }

    /**
     * The response to send: status code and {@link #reason()} as reason phrase, with Via (all, in
     * order), From, To, Call-ID and CSeq copied (RFC 3261 §8.2.6.2). A To without a tag gets one
     * ("the UAS MUST add a tag", §8.2.6.2), derived from the request so that a retransmission gets
     * the same tag. When a Via parses only leniently (malformed parameters), the top Via is sent in
     * normalized form so the response can still be routed (§18.2.2). Empty for responses, for an ACK
     * and when there is no usable Via.
     */
    public synchronized Optional<SipResponse> errorResponse() {
        if (errorResponse == null) {
            errorResponse = buildErrorResponse();
        }
        return errorResponse;
    }

    private Optional<SipResponse> buildErrorResponse() {
        if (!request || ack) {
            return Optional.empty();
        }
        List<String> vias = new ArrayList<>();
        for (SipHeader h : headers) {
            if (h.name().equals(HeaderNames.VIA)) {
                vias.add(h.value());
            }
        }
        if (vias.isEmpty()) {
            return Optional.empty();
        }
        boolean strict = true;
        try {
            for (String field : vias) {
                for (String v : ListSplitter.split(field)) {
                    ViaParser.parse(v, false);
                }
            }
        } catch (MalformedHeaderException e) {
            strict = false;
        }
        SipResponse response = new SipResponse(statusCode, reason);
        if (strict) {
            for (String field : vias) {
                response.addHeader(HeaderNames.VIA, field);
            }
        } else {
            try {
                Via top = ViaParser.parse(ListSplitter.split(vias.get(0)).get(0), true);
                response.addHeader(HeaderNames.VIA, top.toString());
            } catch (MalformedHeaderException e) {
                return Optional.empty();
            }
        }
        copy(response, HeaderNames.FROM);
        copy(response, HeaderNames.TO);
        copy(response, HeaderNames.CALL_ID);
        copy(response, HeaderNames.CSEQ);
        response.addStatelessToTag();
        return Optional.of(response);
    }

    private void copy(SipResponse response, String name) {
        for (SipHeader h : headers) {
            if (h.name().equals(name)) {
                try {
                    response.addHeader(name, h.value());
                } catch (IllegalArgumentException e) {
                    // a value that cannot be written safely is left out
                }
                return;
            }
        }
    }

    @Override
    public String toString() {
        return statusCode + " " + reason;
    }
}
