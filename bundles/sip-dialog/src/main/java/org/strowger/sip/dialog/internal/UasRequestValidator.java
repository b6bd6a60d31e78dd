package org.strowger.sip.dialog.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.MalformedHeaderException;
import org.strowger.sip.message.api.MediaType;
import org.strowger.sip.message.api.NameAddr;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.SipUri;
import org.strowger.sip.message.api.StatusCodes;

/**
 * The checks a UAS core makes before it processes a request (RFC 3261 §8.2), in the order of §8.2:
 * method (§8.2.1: 501, 405), headers (§8.2.2: 416, 482, 483, 420), content (§8.2.3: 413, 415, 400
 * for a body without Content-Type), then every header the dialog layer will read (400 naming it).
 * Each refusal is a complete response built with {@link SipResponse#createFor}, its reason phrase
 * naming the problem, a To tag added when the request has none (§8.2.6.2). ACK is never answered
 * (§17.2.1: no response to ACK), so {@link #check} of an ACK is always empty.
 *
 * <p>Runs on the call's executor; it has no state of its own besides the shared, thread-safe
 * {@link MergedRequestDetector}.
 */
public final class UasRequestValidator {
    private static final Logger LOG = LoggerFactory.getLogger(UasRequestValidator.class);

    static final String CONTENT_ENCODING = "Content-Encoding";
    static final String ACCEPT_ENCODING = "Accept-Encoding";
    static final String WARNING = "Warning";

    /**
     * The lazily parsed headers whose typed accessor the dialog layer calls, checked last: a request
     * carrying one that does not parse gets 400 "Bad Header: name" instead of failing later.
     */
    private static final List<LazyHeader> LAZY = List.of(
            new LazyHeader(HeaderNames.SUPPORTED, SipMessage::supported),
            new LazyHeader(HeaderNames.CONTENT_TYPE, SipMessage::contentType),
            new LazyHeader(HeaderNames.CONTACT, SipMessage::contacts),
            new LazyHeader(HeaderNames.RECORD_ROUTE, SipMessage::recordRoutes),
            new LazyHeader(HeaderNames.RACK, SipMessage::rack),
            new LazyHeader(HeaderNames.SESSION_EXPIRES, SipMessage::sessionExpires),
            new LazyHeader(HeaderNames.MIN_SE, SipMessage::minSE),
            new LazyHeader(HeaderNames.EXPIRES, SipMessage::expires),
            new LazyHeader(HeaderNames.EVENT, SipMessage::event),
            new LazyHeader(HeaderNames.REFER_TO, SipMessage::referTo),
            new LazyHeader(HeaderNames.REPLACES, SipMessage::replaces));

    private final UasChecks checks;
    private final MergedRequestDetector merged;

    public UasRequestValidator(UasChecks checks, MergedRequestDetector merged) {
        this.checks = Objects.requireNonNull(checks, "checks");
        this.merged = Objects.requireNonNull(merged, "merged");
    }

    /**
     * The error response for a request that must be refused, or empty when the UAS may process it.
     * The response still has to be sent through the request's server transaction.
     */
    public Optional<SipResponse> check(SipRequest request) {
        SipMethod method = request.method();
        if (method.equals(SipMethod.ACK)) {
            return Optional.empty();
        }
        SipResponse refusal;
        try {
            refusal = firstRefusal(request, method);
        } catch (MalformedHeaderException e) {
            // a mandatory header built by hand rather than by the parser (which validates those)
            refusal = badRequest(request, "Bad Request", e.getMessage());
        }
        if (refusal == null) {
            return Optional.empty();
        }
        refusal.addStatelessToTag();
        LOG.debug("call={} cseq={} refused: {} {}", request.callId(), request.header(HeaderNames.CSEQ),
                refusal.statusCode(), refusal.reasonPhrase());
        return Optional.of(refusal);
    }

    private SipResponse firstRefusal(SipRequest request, SipMethod method) {
        SipResponse r = checkMethod(request, method);
        if (r == null) {
            r = checkRequestUri(request);
        }
        if (r == null) {
            r = checkMerged(request);
        }
        if (r == null) {
            r = checkMaxForwards(request, method);
        }
        if (r == null) {
            r = checkRequire(request, method);
        }
        if (r == null) {
            r = checkBody(request);
        }
        if (r == null) {
            r = checkLazyHeaders(request);
        }
        if (r == null) {
            r = checkContact(request, method);
        }
        return r;
    }

    /**
     * §8.2.1: a method the UA does not implement at all (unknown, or REGISTER and PUBLISH, see
     * {@link UasChecks#UA_METHODS}) gets 501; an implemented method that is not allowed gets 405.
     * Both carry Allow.
     */
    private SipResponse checkMethod(SipRequest request, SipMethod method) {
        if (!method.isKnown() || !UasChecks.UA_METHODS.contains(method)) {
            SipResponse r = SipResponse.createFor(request, StatusCodes.NOT_IMPLEMENTED, "Not Implemented: " + method);
            r.addHeader(HeaderNames.ALLOW, checks.allowHeader());
            return r;
        }
        if (!checks.allowed().contains(method)) {
            SipResponse r = SipResponse.createFor(request, StatusCodes.METHOD_NOT_ALLOWED,
                    "Method Not Allowed: " + method);
            r.addHeader(HeaderNames.ALLOW, checks.allowHeader());
            return r;
        }
        return null;
    }

    /** §8.2.2.1: only sip, sips and tel Request-URIs are served; others get 416. */
    private static SipResponse checkRequestUri(SipRequest request) {
        String scheme = request.requestUri().scheme();
        if (scheme.equals("sip") || scheme.equals("sips") || scheme.equals("tel")) {
            return null;
        }
        return SipResponse.createFor(request, StatusCodes.UNSUPPORTED_URI_SCHEME, "Unsupported URI Scheme: " + scheme);
    }

    /** §8.2.2.2: a request without To tag that is a merged copy of a recent one gets 482. */
    private SipResponse checkMerged(SipRequest request) {
        NameAddr to = request.to();
        if (to != null && to.tag() == null && merged.isMerged(request)) {
            return SipResponse.createFor(request, StatusCodes.LOOP_DETECTED, "Loop Detected: Merged Request");
        }
        return null;
    }

    /**
     * Max-Forwards 0 (RFC 3261 §16.3 item 3): Strowger is a B2BUA/PBX, so most requests it accepts
     * it goes on to forward in some form (a call leg, a transfer), which a request that may not be
     * forwarded any more forbids; it gets 483. OPTIONS is the exception: with Max-Forwards 0 it is
     * meant for this hop (the traceroute-like use of §11, "the proxy MAY act as a UAS and respond")
     * and is answered.
     */
    private static SipResponse checkMaxForwards(SipRequest request, SipMethod method) {
        Integer maxForwards = request.maxForwards();
        if (maxForwards != null && maxForwards == 0 && !method.equals(SipMethod.OPTIONS)) {
            return SipResponse.createFor(request, StatusCodes.TOO_MANY_HOPS, "Too Many Hops");
        }
        return null;
    }

    /**
     * §8.2.2.3: every Require option tag not supported is listed in Unsupported of a 420. Require
     * of CANCEL (and ACK) is ignored: a CANCEL cannot be refused for an extension.
     */
    private SipResponse checkRequire(SipRequest request, SipMethod method) {
        if (method.equals(SipMethod.CANCEL) || !request.hasHeader(HeaderNames.REQUIRE)) {
            return null;
        }
        List<String> required;
        try {
            required = request.require();
        } catch (MalformedHeaderException e) {
            return badHeader(request, HeaderNames.REQUIRE, e);
        }
        List<String> unsupported = new ArrayList<>(2);
        for (String tag : required) {
            if (!checks.supports(tag) && !unsupported.contains(tag)) {
                unsupported.add(tag);
            }
        }
        if (unsupported.isEmpty()) {
            return null;
        }
        SipResponse r = SipResponse.createFor(request, StatusCodes.BAD_EXTENSION,
                "Bad Extension: " + String.join(", ", unsupported));
        r.addHeader(HeaderNames.UNSUPPORTED, String.join(", ", unsupported));
        return r;
    }

    /**
     * §8.2.3 for a request with a body: 413 past the size limit, 400 without Content-Type, 415 with
     * Accept for a type not accepted, 415 with Accept-Encoding: identity for any content coding.
     */
    private SipResponse checkBody(SipRequest request) {
        int length = request.contentLength();
        if (length == 0) {
            return null;
        }
        if (length > checks.maxBodySize()) {
            return SipResponse.createFor(request, StatusCodes.REQUEST_ENTITY_TOO_LARGE,
                    "Request Entity Too Large: body of " + length + " bytes, at most " + checks.maxBodySize());
        }
        if (!request.hasHeader(HeaderNames.CONTENT_TYPE)) {
            return SipResponse.createFor(request, StatusCodes.BAD_REQUEST, "Missing Header: Content-Type");
        }
        MediaType type;
        try {
            type = request.contentType();
        } catch (MalformedHeaderException e) {
            return badHeader(request, HeaderNames.CONTENT_TYPE, e);
        }
        if (!checks.accepts(type)) {
            SipResponse r = SipResponse.createFor(request, StatusCodes.UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported Media Type: " + type.mimeType());
            r.addHeader(HeaderNames.ACCEPT, checks.acceptHeader());
            return r;
        }
        for (String coding : request.headerValues(CONTENT_ENCODING)) {
            if (!coding.equalsIgnoreCase("identity")) {
                SipResponse r = SipResponse.createFor(request, StatusCodes.UNSUPPORTED_MEDIA_TYPE,
                        "Unsupported Content-Encoding: " + printable(coding));
                r.addHeader(ACCEPT_ENCODING, "identity");
                return r;
            }
        }
        return null;
    }

    /** A header the dialog layer reads later that does not parse gets 400 now. */
    private static SipResponse checkLazyHeaders(SipRequest request) {
        for (LazyHeader h : LAZY) {
            if (request.hasHeader(h.name)) {
                try {
                    h.accessor.apply(request);
                } catch (MalformedHeaderException e) {
                    return badHeader(request, h.name, e);
                }
            }
        }
        if (request.method().equals(SipMethod.PRACK) && !request.hasHeader(HeaderNames.RACK)) {
            return SipResponse.createFor(request, StatusCodes.BAD_REQUEST, "Missing Header: RAck");
        }
        return null;
    }

    /**
     * §8.1.1.8: an INVITE carries exactly one Contact with a SIP or SIPS URI; "*" is a Contact only
     * REGISTER may use (§10.2.2), so it is refused in any request a UA gets.
     */
    private static SipResponse checkContact(SipRequest request, SipMethod method) {
        if (request.isContactWildcard()) {
            return SipResponse.createFor(request, StatusCodes.BAD_REQUEST, "Bad Header: Contact");
        }
        if (!method.equals(SipMethod.INVITE)) {
            return null;
        }
        List<NameAddr> contacts = request.contacts();
        if (contacts.isEmpty()) {
            return SipResponse.createFor(request, StatusCodes.BAD_REQUEST, "Missing Header: Contact");
        }
        if (contacts.size() > 1 || !(contacts.get(0).uri() instanceof SipUri)) {
            return SipResponse.createFor(request, StatusCodes.BAD_REQUEST, "Bad Header: Contact");
        }
        return null;
    }

    private static SipResponse badHeader(SipRequest request, String header, MalformedHeaderException e) {
        return badRequest(request, "Bad Header: " + header, e.getMessage());
    }

    /** 400 with the reason and a Warning 399 (RFC 3261 §20.43) carrying the parser's detail. */
    private static SipResponse badRequest(SipRequest request, String reason, String detail) {
        SipResponse r = SipResponse.createFor(request, StatusCodes.BAD_REQUEST, reason);
        if (detail != null && !detail.isEmpty()) {
            r.addHeader(WARNING, "399 strowger \"" + printable(detail).replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return r;
    }

    /** Printable ASCII only, at most 80 characters (for reason phrases and Warning text). */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 80));
        for (int i = 0; i < s.length() && b.length() < 80; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    private record LazyHeader(String name, Function<SipMessage, Object> accessor) {
    }
}
