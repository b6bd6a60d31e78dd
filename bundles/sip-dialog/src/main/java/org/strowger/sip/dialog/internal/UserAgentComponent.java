package org.strowger.sip.dialog.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
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
import org.strowger.sip.dialog.api.UserAgent;
import org.strowger.sip.dialog.spi.CallHandler;
import org.strowger.sip.dns.api.SipResolver;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.Uri;
import org.strowger.sip.transaction.api.ServerTransaction;
import org.strowger.sip.transaction.api.TransactionFailure;
import org.strowger.sip.transaction.api.TransactionLayer;
import org.strowger.sip.transaction.spi.ServerTransactionUser;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.SipTransport;

/**
 * The user agent as a DS component: the {@link UserAgent} service for applications and the
 * {@link ServerTransactionUser} of the transaction layer. The {@link CallHandler} is bound by
 * {@link CallHandlerBinding}, a component of its own (an application requiring {@code UserAgent}
 * would otherwise be an SCR cycle). The logic is in {@link UaCore} and the
 * call classes; this class wires and forwards.
 */
@Component(service = {UserAgent.class, ServerTransactionUser.class, CallHandlerHost.class}, configurationPid = UaConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = UaConfig.class)
public final class UserAgentComponent implements UserAgent, ServerTransactionUser, CallHandlerHost {

    private static final Logger LOG = LoggerFactory.getLogger(UserAgentComponent.class);

    private final AtomicReference<CallHandler> callHandler = new AtomicReference<>();

    private final UaCore core;

    @Activate
    public UserAgentComponent(@Reference TransactionLayer transactions, @Reference SipTransport transport,
            @Reference SipResolver resolver, @Reference TimerService timers, @Reference Ids ids,
            @Reference Clock clock, @Reference Metrics metrics, UaConfig config) {
        UaSettings settings = UaSettings.from(config);
        this.core = new UaCore(transactions, transport, resolver, timers, ids, clock, metrics, settings,
                callHandler::get, new SecureRandom(), new MergedRequestDetector(clock, Duration.ofSeconds(32), 100_000));
        LOG.debug("user agent started: allow={} supported={} sessionTimer={} 100rel={}", settings.allowHeader(),
                settings.supportedHeader(), settings.sessionTimers().use(), settings.reliable());
    }

    /** Called by {@link CallHandlerBinding}. */
    @Override
    public void setCallHandler(CallHandler handler) {
        callHandler.set(handler);
    }

    @Override
    public void clearCallHandler(CallHandler handler) {
        callHandler.compareAndSet(handler, null);
    }

    /** Configuration changed: new settings for new requests and calls, live calls untouched. */
    @Modified
    void modified(UaConfig config) {
        core.reconfigure(UaSettings.from(config));
        LOG.info("user agent reconfigured ({} live calls go on)", core.size());
    }

    @Deactivate
    void deactivate() {
        int ended = core.endAllCalls();
        if (ended > 0) {
            LOG.info("user agent stopping: {} live calls ended (BYE/CANCEL/487)", ended);
        }
    }

    @Override
    public OutgoingCall call(CallRequest request, CallListener listener) {
        return core.call(request, listener);
    }

    @Override
    public CompletionStage<SipResponse> options(Uri target) {
        SipRequest options = newRequest("OPTIONS", target);
        core.addCapabilities(options);
        return send(options);
    }

    @Override
    public SipRequest newRequest(String method, Uri target) {
        return core.newRequest(SipMethod.valueOf(method.toUpperCase(Locale.ROOT)), target, null, null,
                core.ids.newCallId(), core.ids.newTag());
    }

    @Override
    public CompletionStage<SipResponse> send(SipRequest request) {
        if (request.method().equals(SipMethod.ACK) || request.method().equals(SipMethod.CANCEL)
                || request.method().equals(SipMethod.INVITE)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    request.method() + " is not sent with send(): use call() and the Call methods"));
        }
        return core.send(request);
    }

    @Override
    public List<Call> calls() {
        return core.calls();
    }

    @Override
    public List<DialogInfo> dialogs() {
        return core.dialogs();
    }

    @Override
    public void onRequest(ServerTransaction transaction) {
        core.onRequest(transaction);
    }

    @Override
    public void onCancel(ServerTransaction cancel, ServerTransaction cancelled) {
        core.onCancel(cancel, cancelled);
    }

    @Override
    public void onAck(SipRequest ack, Flow flow) {
        core.onAck(ack, flow);
    }

    @Override
    public void onStrayResponse(SipResponse response, Flow flow) {
        core.onStrayResponse(response, flow);
    }

    @Override
    public void onServerFailure(ServerTransaction transaction, TransactionFailure failure) {
        core.onServerFailure(transaction, failure);
    }
}
