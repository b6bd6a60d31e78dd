package org.strowger.sip.transaction.internal;

import java.util.Locale;
import java.util.Objects;

import org.strowger.sip.message.api.CSeq;
import org.strowger.sip.message.api.NameAddr;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.SipUri;
import org.strowger.sip.message.api.Uri;
import org.strowger.sip.message.api.Via;

/**
 * Matching of requests to server transactions, RFC 3261 §17.2.3, and of CANCEL to the request it
 * cancels, §9.2.
 *
 * <p>With the magic cookie {@code z9hG4bK} in the top Via branch a request matches when branch, sent-by
 * and method equal those of the request that created the transaction (ACK matching INVITE): the first
 * two form the table key ({@link #key}), the method is compared on lookup. A CANCEL has its own
 * transaction (key with {@code |CANCEL}); the request it cancels is found with the same rules except
 * the method (§9.2).
 *
 * <p>Without the cookie (RFC 2543 peers) the request is compared field by field: Request-URI (§19.1.4
 * equivalence), To tag, From tag, Call-ID, CSeq and top Via. An ACK matches an INVITE transaction when
 * Request-URI, From tag, Call-ID, CSeq number and top Via match and its To tag is that of the response
 * the transaction sent.
 */
final class ServerMatching {

    /** Which comparison of §17.2.3 applies. */
    enum Rule {
        /** A retransmission of the request that created the transaction: CSeq method compared too. */
        SAME_REQUEST,
        /** An ACK for the INVITE transaction's non-2xx (or, RFC 2543, 2xx) final response. */
        ACK,
        /** A CANCEL looking for the request it cancels (§9.2: "same rules except the method"). */
        CANCEL_TARGET
    }

    private ServerMatching() {
    }

    /** The table key of a request with the magic cookie: branch and sent-by; {@code null} without the cookie. */
    static String key(SipRequest request) {
        Via top = request.topVia();
        if (top == null || !top.hasMagicCookie()) {
            return null;
        }
        String base = top.branch() + "|" + sentBy(top);
        return SipMethod.CANCEL.equals(request.method()) ? base + "|CANCEL" : base;
    }

    /** The key of the transaction a CANCEL or ACK with the magic cookie belongs to (not the CANCEL's own). */
    static String targetKey(SipRequest request) {
        Via top = request.topVia();
        return top == null || !top.hasMagicCookie() ? null : top.branch() + "|" + sentBy(top);
    }

    static String sentBy(Via via) {
        return via.host().toLowerCase(Locale.ROOT) + ":" + via.port();
    }

    /**
     * Whether {@code request} (without the magic cookie) belongs to the transaction created by
     * {@code original}, which last sent {@code lastResponse} (may be null).
     */
    static boolean matches2543(SipRequest original, SipResponse lastResponse, SipRequest request, Rule rule) {
        CSeq a = original.cseq();
        CSeq b = request.cseq();
        if (a == null || b == null || a.sequence() != b.sequence()
                || !Objects.equals(original.callId(), request.callId())
                || !Objects.equals(tag(original.from()), tag(request.from()))
                || !sameUri(original.requestUri(), request.requestUri())
                || !sameVia(original.topVia(), request.topVia())) {
            return false;
        }
        return switch (rule) {
            case SAME_REQUEST -> a.method().equals(b.method()) && Objects.equals(tag(original.to()), tag(request.to()));
            case CANCEL_TARGET -> Objects.equals(tag(original.to()), tag(request.to()));
            case ACK -> lastResponse != null && Objects.equals(toTag(lastResponse), tag(request.to()));
        };
    }

    private static String toTag(SipMessage m) {
        try {
            return tag(m.to());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String tag(NameAddr address) {
        return address == null ? null : address.tag();
    }

    private static boolean sameUri(Uri a, Uri b) {
        if (a instanceof SipUri sa && b instanceof SipUri sb) {
            return sa.isEquivalentTo(sb);
        }
        return a.toString().equals(b.toString());
    }

    /** §20.42: sent-protocol, sent-by and branch; received/rport are added by our own transport. */
    private static boolean sameVia(Via a, Via b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.transport().equals(b.transport()) && a.host().equalsIgnoreCase(b.host()) && a.port() == b.port()
                && Objects.equals(a.branch(), b.branch());
    }
}
