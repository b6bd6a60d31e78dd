package org.strowger.sip.testcall.internal;

import java.security.SecureRandom;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.platform.api.Metrics;
import org.strowger.platform.api.SerialExecutors;
import org.strowger.platform.api.TimerService;
import org.strowger.sip.dialog.api.Body;
import org.strowger.sip.dialog.api.IncomingCall;
import org.strowger.sip.dialog.spi.CallHandler;
import org.strowger.sip.message.api.SipHeader;
import org.strowger.sip.message.api.SipUri;
import org.strowger.sip.message.api.StatusCodes;
import org.strowger.sip.message.api.TelUri;
import org.strowger.sip.message.api.Uri;

/**
 * The built-in test application: until the PBX exists, a way to test calls end to end. It takes
 * every new incoming call (registered with {@code service.ranking -100}, so any real application,
 * the PBX first, outranks it) and:
 *
 * <ul>
 * <li>Request-URI user (RFC 3261 §19.1.1; the number of a tel URI) other than the configured
 * {@code user} → 404 Not Found (§21.4.5);</li>
 * <li>a body that is neither SDP nor multipart with an SDP part → 415 with {@code Accept:
 * application/sdp} (§21.4.13, §8.2.3);</li>
 * <li>an SDP offer with no stream we can take, or one we cannot parse → 488 Not Acceptable Here
 * with a Warning naming the reason (§21.4.26, §20.43; see {@link SdpAnswer});</li>
 * <li>otherwise: 180 Ringing for {@code ringFor} if set (reliable when the caller supports 100rel,
 * RFC 3262), then 200 OK with the SDP answer, or with our offer for an offerless INVITE
 * (§13.3.1.4); BYE {@code hangupAfter} seconds after the ACK (see {@link TestCall}).</li>
 * </ul>
 *
 * <p>The SDP announces {@code mediaAddress}:{@code mediaPort}, but no media flows yet: RTP comes in
 * a later issue. The address defaults to 127.0.0.1 because the application does not see the address
 * the INVITE arrived on; set it for calls from other hosts.
 */
@Component(service = CallHandler.class, configurationPid = TestCallConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = "service.ranking:Integer=-100")
@Designate(ocd = TestCallConfig.class)
public final class TestCallApplication implements CallHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TestCallApplication.class);

    private final TestCallSettings settings;
    private final SdpAnswer negotiator;
    private final TimerService timers;
    private final Function<String, Executor> executorForCallId;
    private final TestCallCounters counters;
    private final LongSupplier sessionIds;

    @Activate
    public TestCallApplication(@Reference TimerService timers, @Reference SerialExecutors executors,
            @Reference Metrics metrics, TestCallConfig config) {
        this(TestCallSettings.from(config), timers, executors::forKey, TestCallCounters.from(metrics),
                randomSessionIds());
        LOG.info("test call application: answers user '{}', rings {} ms, hangs up after {} s, announces {}:{}",
                settings.user(), settings.ringFor().toMillis(), settings.hangupAfter().toSeconds(),
                settings.mediaAddress(), settings.mediaPort());
    }

    TestCallApplication(TestCallSettings settings, TimerService timers, Function<String, Executor> executorForCallId,
            TestCallCounters counters, LongSupplier sessionIds) {
        this.settings = settings;
        this.negotiator = new SdpAnswer(settings.mediaAddress(), settings.mediaPort());
        this.timers = timers;
        this.executorForCallId = executorForCallId;
        this.counters = counters;
        this.sessionIds = sessionIds;
    }

    @Override
    public void onIncomingCall(IncomingCall call) {
        counters.calls().increment();
        String user = requestUser(call.invite().requestUri());
        if (!settings.user().equals(user)) {
            counters.notFound().increment();
            LOG.debug("call={} 404: Request-URI user '{}' is not '{}'", call.callId(), user, settings.user());
            call.reject(StatusCodes.NOT_FOUND, "Not Found");
            return;
        }
        Offer offer = Offer.of(call.remoteBody());
        long id = sessionIds.getAsLong();
        SdpAnswer.Origin origin = new SdpAnswer.Origin(id, id);
        String localSdp;
        switch (offer.kind()) {
            case UNSUPPORTED -> {
                counters.unsupportedMediaType().increment();
                LOG.info("call={} 415: {}", call.callId(), offer.reason());
                call.reject(StatusCodes.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type",
                        new SipHeader("Accept", Body.SDP));
                return;
            }
            case NONE -> localSdp = negotiator.offer(origin);
            case SDP -> {
                SdpAnswer.Outcome outcome = negotiator.answer(offer.sdp(), origin);
                if (outcome instanceof SdpAnswer.NotAcceptable refused) {
                    counters.notAcceptable().increment();
                    LOG.info("call={} 488: {} {}", call.callId(), refused.warnCode(), refused.warnText());
                    call.reject(StatusCodes.NOT_ACCEPTABLE_HERE, "Not Acceptable Here", TestCall.warning(refused));
                    return;
                }
                localSdp = ((SdpAnswer.Accepted) outcome).sdp();
            }
            default -> throw new IllegalStateException(offer.kind().toString());
        }
        new TestCall(call, settings, negotiator, timers, executorForCallId.apply(call.callId()), counters,
                localSdp, offer.kind() == Offer.Kind.NONE, origin).start();
    }

    /** The user part of a SIP/SIPS URI (unescaped), the number of a tel URI, else {@code null}. */
    static String requestUser(Uri uri) {
        if (uri instanceof SipUri sip) {
            return sip.user();
        }
        if (uri instanceof TelUri tel) {
            return tel.number();
        }
        return null;
    }

    /** Session ids (RFC 8866 §5.2) from SecureRandom, positive and below 2^62 so a version can grow. */
    private static LongSupplier randomSessionIds() {
        SecureRandom random = new SecureRandom();
        return () -> random.nextLong() >>> 2;
    }
}
