package org.strowger.sip.dialog.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.strowger.sip.message.api.CSeq;
import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.NameAddr;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.SipUri;
import org.strowger.sip.message.api.Uri;

/**
 * The dialog state of RFC 3261 §12.1: identity, local and remote sequence numbers, local and remote
 * URIs, remote target, route set and the secure flag. Owned by the call's serial executor.
 */
final class Dialog {

    private final String callId;
    private final String localTag;
    private String remoteTag;
    private final NameAddr localUri;
    private final NameAddr remoteUri;
    private Uri remoteTarget;
    private List<NameAddr> routeSet;
    private long localSeq;
    private long remoteSeq;
    private final boolean secure;
    private final NameAddr localContact;
    private boolean confirmed;

    private Dialog(String callId, String localTag, String remoteTag, NameAddr localUri, NameAddr remoteUri,
            Uri remoteTarget, List<NameAddr> routeSet, long localSeq, long remoteSeq, boolean secure,
            NameAddr localContact) {
        this.callId = callId;
        this.localTag = localTag;
        this.remoteTag = remoteTag;
        this.localUri = localUri;
        this.remoteUri = remoteUri;
        this.remoteTarget = remoteTarget;
        this.routeSet = List.copyOf(routeSet);
        this.localSeq = localSeq;
        this.remoteSeq = remoteSeq;
        this.secure = secure;
        this.localContact = localContact;
    }

    /**
     * §12.1.1 UAS: route set = Record-Route of the request in order, remote target = its Contact,
     * remote sequence = its CSeq, local sequence empty, remote URI = From, local URI = To.
     */
    static Dialog asUas(SipRequest request, String localTag, NameAddr localContact) {
        NameAddr to = request.to();
        NameAddr from = request.from();
        boolean secure = request.requestUri().scheme().equals("sips") && isTls(request);
        return new Dialog(request.callId(), localTag, from.tag(), to.withTag(null), from.withTag(null),
                contactUri(request), request.recordRoutes(), -1, request.cseq().sequence(), secure, localContact);
    }

    /**
     * §12.1.2 UAC: route set = Record-Route of the response in reverse order, remote target = its
     * Contact (the Request-URI when a broken peer sent none), local sequence = the request's CSeq,
     * remote sequence empty.
     *
     * @param recordRoutes the response's Record-Route values, read by the caller
     */
    static Dialog asUac(SipRequest request, SipResponse response, List<NameAddr> recordRoutes, NameAddr localContact) {
        List<NameAddr> routes = new ArrayList<>(recordRoutes);
        Collections.reverse(routes);
        boolean secure = request.requestUri().scheme().equals("sips");
        Uri target = contactUri(response);
        return new Dialog(request.callId(), request.from().tag(), response.to().tag(), request.from().withTag(null),
                request.to().withTag(null), target != null ? target : request.requestUri(), routes,
                request.cseq().sequence(), -1, secure, localContact);
    }

    private static boolean isTls(SipRequest request) {
        return request.topVia() != null && request.topVia().transport().equalsIgnoreCase("TLS");
    }

    private static Uri contactUri(SipMessage m) {
        List<NameAddr> contacts = m.contacts();
        return contacts.isEmpty() ? null : contacts.get(0).uri();
    }

    String callId() {
        return callId;
    }

    String localTag() {
        return localTag;
    }

    String remoteTag() {
        return remoteTag;
    }

    NameAddr localUri() {
        return localUri;
    }

    NameAddr remoteUri() {
        return remoteUri;
    }

    Uri remoteTarget() {
        return remoteTarget;
    }

    List<NameAddr> routeSet() {
        return routeSet;
    }

    long localSeq() {
        return localSeq;
    }

    long remoteSeq() {
        return remoteSeq;
    }

    boolean isSecure() {
        return secure;
    }

    NameAddr localContact() {
        return localContact;
    }

    /** §12.1.2 / §13.2.2.4: a 2xx confirms the dialog; its route set is recomputed from the 2xx. */
    void confirm(SipResponse uacFinal, List<NameAddr> recordRoutes) {
        if (!confirmed) {
            List<NameAddr> routes = new ArrayList<>(recordRoutes);
            Collections.reverse(routes);
            routeSet = List.copyOf(routes);
            Uri target = contactUri(uacFinal);
            if (target != null) {
                remoteTarget = target;
            }
        }
        confirmed = true;
    }

    /** The UAS side: the dialog is confirmed by our 2xx. */
    void confirm() {
        confirmed = true;
    }

    /**
     * §12.2.1.2 / §12.2.2 target refresh: a 2xx to a target-refresh request (or the request itself on
     * the UAS side) with a Contact replaces the remote target.
     */
    void refreshTarget(SipMessage targetRefresh) {
        Uri target = contactUri(targetRefresh);
        if (target != null) {
            remoteTarget = target;
        }
    }

    /**
     * §12.2.2: a request with a CSeq lower than (or, for other than ACK/CANCEL, equal to) the remote
     * sequence is out of order: answer 500. Otherwise the remote sequence advances.
     *
     * @return whether the request is in order
     */
    boolean acceptRemoteCSeq(SipRequest request) {
        long seq = request.cseq().sequence();
        if (remoteSeq >= 0 && seq <= remoteSeq) {
            return false;
        }
        remoteSeq = seq;
        return true;
    }

    /**
     * §12.2.1.1: builds a request inside the dialog. The Request-URI is the remote target, Route the
     * route set (loose routing); with a strict first route (no {@code lr}) the Request-URI is that
     * route and the remote target goes last in Route. CSeq increments, except for ACK and CANCEL,
     * which reuse the INVITE's (§13.2.2.4, §9.1) — pass them {@code cseq}.
     */
    SipRequest newRequest(SipMethod method, long cseqOrMinus1) {
        long seq;
        if (cseqOrMinus1 >= 0) {
            seq = cseqOrMinus1;
        } else {
            localSeq = localSeq < 0 ? 1 : localSeq + 1;
            seq = localSeq;
        }
        Uri requestUri = remoteTarget;
        List<NameAddr> routes = routeSet;
        if (!routes.isEmpty() && routes.get(0).uri() instanceof SipUri first && !first.isLooseRouting()) {
            requestUri = first.withoutHeaders();
            List<NameAddr> rest = new ArrayList<>(routes.subList(1, routes.size()));
            rest.add(NameAddr.of(remoteTarget));
            routes = rest;
        }
        SipRequest r = new SipRequest(method, requestUri);
        for (NameAddr route : routes) {
            r.addHeader(HeaderNames.ROUTE, route.toString());
        }
        r.addHeader(HeaderNames.MAX_FORWARDS, "70");
        r.addHeader(HeaderNames.FROM, localUri.withTag(localTag).toString());
        r.addHeader(HeaderNames.TO, (remoteTag == null ? remoteUri : remoteUri.withTag(remoteTag)).toString());
        r.addHeader(HeaderNames.CALL_ID, callId);
        r.addHeader(HeaderNames.CSEQ, new CSeq(seq, method).toString());
        if (localContact != null && isTargetRefreshOrNeedsContact(method)) {
            r.addHeader(HeaderNames.CONTACT, localContact.toString());
        }
        return r;
    }

    private static boolean isTargetRefreshOrNeedsContact(SipMethod method) {
        return method.equals(SipMethod.INVITE) || method.equals(SipMethod.UPDATE)
                || method.equals(SipMethod.SUBSCRIBE) || method.equals(SipMethod.NOTIFY)
                || method.equals(SipMethod.REFER);
    }
}
