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
 * and method equal those of the request that created the transaction (ACK matching INVITE). These
 * three and the Call-ID form the table {@link Key}: a request whose branch collides with another
 * call's is never taken for that call's (the table is shared by all call executors; §9.1 requires a
 * CANCEL to carry the Call-ID of the request it cancels, and a retransmission or ACK carries it too).
 * A CANCEL has its own transaction (method CANCEL in the key); the request it cancels is found with
 * the same rules except the method (§9.2): the INVITE first, else any other method.
 *
 * <p>Without the cookie (RFC 2543 peers) the request is compared field by field: Request-URI (§19.1.4
 * equivalence), To tag, From tag, Call-ID, CSeq and top Via. An ACK matches an INVITE transaction when
 * Request-URI, From tag, Call-ID, CSeq number and top Via match and its To tag is that of the response
 * the transaction sent. The candidates are indexed by {@link LegacyKey} (Call-ID and CSeq number,
 * which all three comparisons require to be equal).
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

    /**
     * The identity of a server transaction created by a request with the magic cookie: Call-ID, top
     * Via branch, sent-by ({@code host:port}, host in lower case) and method; {@code method} is
     * {@code null} in the index of the requests a CANCEL may target.
     */
    record Key(String callId, String branch, String sentBy, SipMethod method) {
    }

    /** The index of RFC 2543 server transactions: Call-ID and CSeq number. */
    record LegacyKey(String callId, long cseq) {
    }

    private ServerMatching() {
    }

    /**
     * The key of the transaction {@code request} creates or retransmits (its own method; for an ACK use
     * {@link #key(SipRequest, SipMethod)} with INVITE); {@code null} without the magic cookie.
     */
    static Key key(SipRequest request) {
        return key(request, request.method());
    }

    /** The key with the identity of {@code request} and another method; {@code null} without the magic cookie. */
    static Key key(SipRequest request, SipMethod method) {
        Via top = request.topVia();
        if (top == null || !top.hasMagicCookie()) {
            return null;
        }
        return new Key(request.callId(), top.branch(), sentBy(top), method);
    }

    /** The RFC 2543 index key of {@code request}; {@code null} without a CSeq. */
    static LegacyKey legacyKey(SipRequest request) {
        CSeq cseq = request.cseq();
        return cseq == null ? null : new LegacyKey(request.callId(), cseq.sequence());
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
