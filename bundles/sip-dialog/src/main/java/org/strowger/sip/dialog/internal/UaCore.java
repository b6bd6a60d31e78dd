package org.strowger.sip.dialog.internal;

import org.strowger.sip.dialog.api.CallState;
import java.util.Map;
import java.util.Locale;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.platform.api.Clock;
import org.strowger.platform.api.Ids;
import org.strowger.platform.api.Metrics;
import org.strowger.platform.api.TimerService;
import org.strowger.sip.dialog.api.Call;
import org.strowger.sip.dialog.api.CallListener;
import org.strowger.sip.dialog.api.CallRequest;
import org.strowger.sip.dialog.api.DialogInfo;
import org.strowger.sip.dialog.api.OutgoingCall;
import org.strowger.sip.dialog.spi.CallHandler;
import org.strowger.sip.dns.api.SipResolver;
import org.strowger.sip.dns.api.SipTarget;
import org.strowger.sip.dns.api.TargetTransport;
import org.strowger.sip.message.api.CSeq;
import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.NameAddr;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.SipUri;
import org.strowger.sip.message.api.Uri;
import org.strowger.sip.transaction.api.ClientTransaction;
import org.strowger.sip.transaction.api.ClientTransactionUser;
import org.strowger.sip.transaction.api.ServerTransaction;
import org.strowger.sip.transaction.api.TransactionFailure;
import org.strowger.sip.transaction.api.TransactionLayer;
import org.strowger.sip.transaction.spi.ServerTransactionUser;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.HostPort;
import org.strowger.sip.transport.api.ListenerInfo;
import org.strowger.sip.transport.api.SipTransport;
import org.strowger.sip.transport.api.Transport;

/**
 * The UA core (RFC 3261 §8): sits on the transaction layer as its {@link ServerTransactionUser},
 * checks requests (§8.2), answers OPTIONS (§11.2), creates incoming calls, routes in-dialog requests,
 * ACKs and stray 2xx to their call (§12.2.2), and places calls and out-of-dialog requests (§8.1).
 * Every entry point runs on the Call-ID's serial executor.
 */
final class UaCore implements ServerTransactionUser {

    private static final Logger LOG = LoggerFactory.getLogger(UaCore.class);

    final TransactionLayer transactions;
    final SipTransport transport;
    final TimerService timers;
    final Ids ids;
    final Clock clock;
    volatile UaSettings settings;
    final RandomGenerator random;
    private final SipResolver resolver;
    private final Supplier<CallHandler> handler;
    private final MergedRequestDetector merged;
    private volatile UasRequestValidator validator;
    private final ConcurrentMap<SessionKey, AbstractCall> calls = new ConcurrentHashMap<>();
    private final ConcurrentMap<ServerTransaction, AbstractCall> pendingInvites = new ConcurrentHashMap<>();
    /** Calls not ended yet: what {@code maxCalls} limits (ended calls linger 64·T1 in {@link #calls}). */
    private final AtomicInteger liveCalls = new AtomicInteger();
    final UaMetrics metrics;

    UaCore(TransactionLayer transactions, SipTransport transport, SipResolver resolver, TimerService timers, Ids ids,
            Clock clock, Metrics metrics, UaSettings settings, Supplier<CallHandler> handler, RandomGenerator random,
            MergedRequestDetector merged) {
        this.transactions = transactions;
        this.transport = transport;
        this.resolver = resolver;
        this.timers = timers;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
        this.handler = handler;
        this.random = random;
        this.merged = merged;
        this.validator = new UasRequestValidator(settings.checks(), merged);
        this.metrics = new UaMetrics(metrics);
    }

    /** New settings at run time: they apply to new requests and calls; live calls go on. */
    void reconfigure(UaSettings newSettings) {
        this.settings = newSettings;
        this.validator = new UasRequestValidator(newSettings.checks(), merged);
    }

    /**
     * The UA is going away: every live call is ended the way its state allows (BYE, CANCEL, 487),
     * so peers are not left with calls nobody will ever end.
     *
     * @return how many calls were ended
     */
    int endAllCalls() {
        int n = 0;
        for (AbstractCall call : calls.values()) {
            if (!call.isEnded()) {
                call.hangup();
                n++;
            }
        }
        return n;
    }

    Executor executorFor(String callId) {
        return transactions.executorFor(callId);
    }

    // ---- ServerTransactionUser ----------------------------------------------------------------

    @Override
    public void onRequest(ServerTransaction tx) {
        SipRequest request = tx.request();
        Optional<SipResponse> refused = validator.check(request);
        if (refused.isPresent()) {
            SipResponse r = refused.get();
            decorate(r);
            metrics.refused(r.statusCode());
            LOG.debug("call={} {} refused {} {}", request.callId(), request.method(), r.statusCode(), r.reasonPhrase());
            tx.respond(r);
            return;
        }
        String toTag = request.to().tag();
        if (toTag != null) {
            AbstractCall call = calls.get(new SessionKey(request.callId(), toTag));
            if (call == null) {
                respond(tx, 481, "Call/Transaction Does Not Exist");
                return;
            }
            call.onInDialogRequest(tx);
            return;
        }
        SipMethod method = request.method();
        if (method.equals(SipMethod.INVITE)) {
            newIncomingCall(tx);
        } else if (method.equals(SipMethod.OPTIONS)) {
            SipResponse ok = response(request, 200, null);
            addCapabilities(ok);
            tx.respond(ok);
        } else if (method.equals(SipMethod.BYE) || method.equals(SipMethod.PRACK) || method.equals(SipMethod.UPDATE)
                || method.equals(SipMethod.INFO)) {
            // these exist only inside a dialog (§15, RFC 3262 §4, RFC 3311 §5.1, RFC 6086 §4.2.1)
            respond(tx, 481, "Call/Transaction Does Not Exist");
        } else {
            respond(tx, 501, "Not Implemented: no application handles " + method + " outside a dialog");
        }
    }

    private void newIncomingCall(ServerTransaction tx) {
        if (liveCalls.get() >= settings.maxCalls()) {
            SipResponse busy = response(tx.request(), 503, "Service Unavailable: call limit reached");
            busy.addHeader(HeaderNames.RETRY_AFTER, "5");
            metrics.refused(503);
            tx.respond(busy);
            return;
        }
        IncomingCallImpl call = new IncomingCallImpl(this, tx, ids.newTag(), contactFor(tx.flow()));
        if (!call.negotiate()) {
            return; // answered 422 (RFC 4028) already
        }
        calls.put(call.key(), call);
        liveCalls.incrementAndGet();
        pendingInvites.put(tx, call);
        metrics.incoming.increment();
        CallHandler h = handler.get();
        if (h == null) {
            call.reject(480, "Temporarily Unavailable: no application takes calls");
            return;
        }
        try {
            h.onIncomingCall(call);
        } catch (RuntimeException e) {
            LOG.warn("call={} call handler {} failed: {}", call.callId(), h.getClass().getName(), e.toString(), e);
            call.rejectIfUnanswered(500, "Server Internal Error");
        }
    }

    @Override
    public void onCancel(ServerTransaction cancel, ServerTransaction cancelled) {
        AbstractCall call = pendingInvites.get(cancelled);
        if (call != null) {
            cancel.respond(call.response(cancel.request(), 200)); // §9.2: the To tag of the INVITE's responses
            call.onCancel(cancelled);
        } else if (cancelled.lastResponse() == null || cancelled.lastResponse().statusCode() < 200) {
            cancel.respond(response(cancel.request(), 200, null));
            // §9.2: the INVITE is still pending but no call owns it (e.g. refused before a call existed)
            cancelled.respond(response(cancelled.request(), 487, null));
        } else {
            cancel.respond(response(cancel.request(), 200, null)); // too late to cancel: 200 all the same (§9.2)
        }
    }

    @Override
    public void onAck(SipRequest ack, Flow flow) {
        String toTag = ack.to().tag();
        AbstractCall call = toTag == null ? null : calls.get(new SessionKey(ack.callId(), toTag));
        if (call == null) {
            LOG.debug("call={} ACK for no known dialog dropped", ack.callId());
            return;
        }
        call.onAck(ack);
    }

    @Override
    public void onStrayResponse(SipResponse response, Flow flow) {
        CSeq cseq = response.cseq();
        String fromTag = response.from().tag();
        if (cseq.method().equals(SipMethod.INVITE) && response.statusCode() / 100 == 2 && fromTag != null) {
            AbstractCall call = calls.get(new SessionKey(response.callId(), fromTag));
            if (call != null) {
                call.onStray2xx(response);
                return;
            }
        }
        LOG.debug("call={} stray {} to {} dropped", response.callId(), response.statusCode(), cseq);
    }

    @Override
    public void onServerFailure(ServerTransaction tx, TransactionFailure failure) {
        AbstractCall call = pendingInvites.remove(tx);
        if (call != null) {
            call.onServerFailure(tx, failure);
        }
    }

    /** The INVITE server transactions still waiting for the application's final response. */
    List<ServerTransaction> pendingInviteTransactions() {
        return List.copyOf(pendingInvites.keySet());
    }

    void invitePending(ServerTransaction tx, AbstractCall call) {
        pendingInvites.put(tx, call);
    }

    void inviteDone(ServerTransaction tx) {
        pendingInvites.remove(tx);
    }

    /** A call ended: keep it 64·T1 to absorb 2xx retransmissions and late requests, then forget it. */
    void ended(AbstractCall call) {
        liveCalls.decrementAndGet();
        timers.schedule(settings.t1().multipliedBy(64), call.executor(), () -> {
            calls.remove(call.key(), call);
            pendingInvites.values().removeIf(c -> c == call);
        });
    }

    /** RFC 6086 §4.2.2: INFO without Info-Package (legacy) or with a package we accept. */
    boolean acceptsInfo(SipRequest info) {
        String pkg = info.header("Info-Package");
        return pkg == null || settings.infoPackages().contains(pkg.trim().toLowerCase(Locale.ROOT));
    }

    /** RFC 6086 §5.2.2: Recv-Info names the packages we accept (when we accept any). */
    void addRecvInfo(SipMessage m) {
        if (!settings.infoPackages().isEmpty()) {
            m.setHeader("Recv-Info", String.join(", ", settings.infoPackages()));
        }
    }

    // ---- UAC side ----------------------------------------------------------------------------

    OutgoingCall call(CallRequest request, CallListener listener) {
        if (liveCalls.get() >= settings.maxCalls()) {
            throw new IllegalStateException("call limit reached (" + settings.maxCalls() + " calls); raise maxCalls in "
                    + UaConfig.PID);
        }
        String callId = ids.newCallId();
        OutgoingCallImpl call = new OutgoingCallImpl(this, callId, ids.newTag(), request, listener);
        calls.put(call.key(), call);
        liveCalls.incrementAndGet();
        metrics.outgoing.increment();
        call.executor().execute(call::start);
        return call;
    }

    /**
     * §8.1.1: a request outside any dialog with the mandatory headers: Request-URI, To, From with a
     * fresh tag, Call-ID, CSeq 1, Max-Forwards 70. The Contact is added when sent.
     */
    SipRequest newRequest(SipMethod method, Uri target, NameAddr from, NameAddr to, String callId, String fromTag) {
        SipRequest r = new SipRequest(method, target);
        r.addHeader(HeaderNames.MAX_FORWARDS, "70");
        r.addHeader(HeaderNames.FROM, (from != null ? from : localIdentity()).withTag(fromTag).toString());
        r.addHeader(HeaderNames.TO, (to != null ? to : NameAddr.of(target)).toString());
        r.addHeader(HeaderNames.CALL_ID, callId);
        r.addHeader(HeaderNames.CSEQ, new CSeq(1, method).toString());
        return r;
    }

    private NameAddr localIdentity() {
        String host = settings.identityHost();
        if (host.isEmpty()) {
            host = transport.listeners().stream().map(ListenerInfo::address)
                    .filter(a -> !a.getAddress().isAnyLocalAddress()).findFirst()
                    .map(a -> hostText(a.getAddress())).orElse("localhost");
        }
        NameAddr id = NameAddr.of(SipUri.of(settings.identityUser(), host, -1));
        return settings.displayName().isEmpty() ? id
                : new NameAddr(settings.displayName(), id.uri(), Map.of());
    }

    /** Sends an out-of-dialog request; completes with the final response. */
    CompletionStage<SipResponse> send(SipRequest request) {
        CompletableFuture<SipResponse> result = new CompletableFuture<>();
        Executor executor = executorFor(request.callId());
        withContact(request).whenComplete((r, e) -> executor.execute(() -> {
            decorate(request);
            transactions.sendRequest(request, finalResponseTo(result));
        }));
        return result;
    }

    /** A client transaction user that completes {@code result} with the final response. */
    static ClientTransactionUser finalResponseTo(CompletableFuture<SipResponse> result) {
        return new ClientTransactionUser() {
            @Override
            public void onResponse(ClientTransaction tx, SipResponse response) {
                if (response.statusCode() >= 200) {
                    result.complete(response);
                }
            }
        };
    }

    /**
     * Adds a Contact (§8.1.1.8) for the listener the request will leave from: the next hop (§8.1.2)
     * is resolved (RFC 3263; cached, so the transaction layer's own resolution is a cache hit) and
     * the transport says what it advertises towards the first target.
     */
    CompletionStage<SipRequest> withContact(SipRequest request) {
        if (request.hasHeader(HeaderNames.CONTACT) || !needsContact(request.method())) {
            return CompletableFuture.completedFuture(request);
        }
        Uri nextHop = request.requestUri();
        List<NameAddr> routes = request.routes();
        if (!routes.isEmpty() && routes.get(0).uri() instanceof SipUri first && first.isLooseRouting()) {
            nextHop = first;
        }
        if (!(nextHop instanceof SipUri sip)) {
            request.addHeader(HeaderNames.CONTACT, contact(defaultAdvertised(), Transport.UDP).toString());
            return CompletableFuture.completedFuture(request);
        }
        return resolver.resolve(sip, EnumSet.of(TargetTransport.UDP, TargetTransport.TCP)).handle((targets, e) -> {
            HostPort hp = null;
            Transport t = Transport.UDP;
            if (e == null && !targets.isEmpty()) {
                SipTarget first = targets.get(0);
                t = first.transport() == TargetTransport.TCP ? Transport.TCP : Transport.UDP;
                hp = transport.advertisedAddress(t, first.address().getAddress()).orElse(null);
            }
            request.addHeader(HeaderNames.CONTACT, contact(hp != null ? hp : defaultAdvertised(), t).toString());
            return request;
        });
    }

    private static boolean needsContact(SipMethod method) {
        return method.equals(SipMethod.INVITE) || method.equals(SipMethod.SUBSCRIBE) || method.equals(SipMethod.REFER)
                || method.equals(SipMethod.REGISTER) || method.equals(SipMethod.OPTIONS);
    }

    /** §12.1.1: the Contact of a UAS response: the address the transport advertises towards the peer. */
    NameAddr contactFor(Flow flow) {
        InetAddress peer = flow.remote().getAddress();
        HostPort hp = transport.advertisedAddress(flow.transport(), peer).orElseGet(this::defaultAdvertised);
        return contact(hp, flow.transport());
    }

    private NameAddr contact(HostPort hp, Transport t) {
        SipUri uri = SipUri.of(settings.identityUser(), hp.host(), hp.port());
        if (t == Transport.TCP) {
            uri = uri.withParam("transport", "tcp");
        }
        return NameAddr.of(uri);
    }

    private HostPort defaultAdvertised() {
        return transport.listeners().stream().map(ListenerInfo::address).findFirst()
                .map(a -> new HostPort(a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : hostText(a.getAddress()),
                        a.getPort()))
                .orElse(new HostPort("127.0.0.1", 5060));
    }

    private static String hostText(InetAddress a) {
        String ip = a.getHostAddress();
        return ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip;
    }

    // ---- helpers for calls -------------------------------------------------------------------

    /** A response to {@code request} with a To tag (§8.2.6.2) and our Server header. */
    SipResponse response(SipRequest request, int status, String reason) {
        SipResponse r = SipResponse.createFor(request, status, reason);
        if (status > 100 && request.to().tag() == null) {
            r.setHeader(HeaderNames.TO, request.to().withTag(ids.newTag()).toString());
        }
        decorate(r);
        return r;
    }

    void respond(ServerTransaction tx, int status, String reason) {
        metrics.refused(status);
        tx.respond(response(tx.request(), status, reason));
    }

    /** Allow, Accept, Accept-Encoding, Supported (§11.2, §20.5). */
    void addCapabilities(SipMessage m) {
        m.setHeader(HeaderNames.ALLOW, settings.allowHeader());
        m.setHeader(HeaderNames.ACCEPT, settings.acceptHeader());
        m.setHeader("Accept-Encoding", "identity");
        String supported = settings.supportedHeader();
        if (!supported.isEmpty()) {
            m.setHeader(HeaderNames.SUPPORTED, supported);
        }
    }

    /** User-Agent on requests, Server on responses (§20.35, §20.41). */
    void decorate(SipMessage m) {
        if (settings.userAgent().isEmpty()) {
            return;
        }
        String name = m.isRequest() ? HeaderNames.USER_AGENT : HeaderNames.SERVER;
        if (!m.hasHeader(name)) {
            m.addHeader(name, settings.userAgent());
        }
    }

    /** A random Retry-After in 0..retryAfterMax seconds (§14.2, RFC 3311 §5.2). */
    String randomRetryAfter() {
        return Integer.toString(random.nextInt(settings.retryAfterMax() + 1));
    }

    List<Call> calls() {
        List<AbstractCall> all = new ArrayList<>(calls.values());
        all.sort(Comparator.comparingLong(AbstractCall::createdNanos));
        return all.stream().filter(c -> c.state() != CallState.TERMINATED)
                .map(c -> (Call) c).toList();
    }

    List<DialogInfo> dialogs() {
        List<AbstractCall> all = new ArrayList<>(calls.values());
        all.sort(Comparator.comparingLong(AbstractCall::createdNanos));
        List<DialogInfo> out = new ArrayList<>();
        for (AbstractCall c : all) {
            c.dialog().ifPresent(out::add);
        }
        return out;
    }

    int size() {
        return calls.size();
    }
}
