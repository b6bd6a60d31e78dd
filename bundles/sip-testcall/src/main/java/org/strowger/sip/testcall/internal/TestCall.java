package org.strowger.sip.testcall.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.platform.api.Cancellable;
import org.strowger.platform.api.TimerService;
import org.strowger.sip.dialog.api.Body;
import org.strowger.sip.dialog.api.Call;
import org.strowger.sip.dialog.api.CallListener;
import org.strowger.sip.dialog.api.EndReason;
import org.strowger.sip.dialog.api.InDialogRequest;
import org.strowger.sip.dialog.api.IncomingCall;
import org.strowger.sip.message.api.SipHeader;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.StatusCodes;

/**
 * One call the application took: rings if configured (180, reliable when the caller supports
 * 100rel, RFC 3262), answers 200 with the SDP answer (or our offer, for an offerless INVITE), and
 * sends BYE {@code hangupAfter} after the ACK (RFC 3261 §15.1.1). The ring and hang-up timers are
 * cancelled when the call ends first (CANCEL, BYE from the caller, no ACK …).
 *
 * <p>Later offers in the dialog — re-INVITE (RFC 3261 §14.2) or UPDATE (RFC 3311 §5.2) — are answered
 * by the same rules, the {@code o=} version going up by one when the description changes (RFC 3264
 * §8); an unacceptable one gets 488 with a Warning and leaves the session as it was (§14.2).
 *
 * <p>Every callback and timer task runs on the Call-ID's serial executor (the listener contract of
 * the dialog API; the timers are submitted to {@code SerialExecutors.forKey(callId)}, the same
 * executor by DESIGN.md §4), so the state needs no locks.
 */
final class TestCall implements CallListener {

    /** Where the call is, from the application's side. */
    enum State {
        /** Taken, nothing sent yet. */
        NEW,
        /** 180 sent, waiting for the ring timer. */
        RINGING,
        /** 200 sent, waiting for the ACK. */
        ANSWERED,
        /** ACK received; the hang-up timer runs if configured. */
        CONFIRMED,
        /** Over, however it ended. */
        ENDED
    }

    /** What moves the call between states. */
    enum Event {
        START,
        RING_TIMER,
        ACK,
        HANGUP_TIMER,
        CALL_ENDED
    }

    private static final Logger LOG = LoggerFactory.getLogger(TestCall.class);

    private final IncomingCall call;
    private final TestCallSettings settings;
    private final SdpAnswer negotiator;
    private final TimerService timers;
    private final Executor executor;
    private final TestCallCounters counters;
    private final boolean weOffered;
    private SdpAnswer.Origin origin;
    private String localSdp;
    private State state = State.NEW;
    private Cancellable ringTimer;
    private Cancellable hangupTimer;

    /**
     * @param localSdp  the answer to the INVITE's offer, or our offer when it had none
     * @param weOffered whether {@code localSdp} is an offer (its answer then comes in the ACK)
     * @param origin    the {@code o=} numbers {@code localSdp} was built with
     */
    TestCall(IncomingCall call, TestCallSettings settings, SdpAnswer negotiator, TimerService timers,
            Executor executor, TestCallCounters counters, String localSdp, boolean weOffered,
            SdpAnswer.Origin origin) {
        this.call = call;
        this.settings = settings;
        this.negotiator = negotiator;
        this.timers = timers;
        this.executor = executor;
        this.counters = counters;
        this.localSdp = localSdp;
        this.weOffered = weOffered;
        this.origin = origin;
    }

    State state() {
        return state;
    }

    /** Takes over the call's events, then rings or answers at once. */
    void start() {
        call.setListener(this);
        if (settings.ringFor().isZero()) {
            answer(Event.START);
            return;
        }
        transition(Event.START, State.RINGING);
        call.progress(StatusCodes.RINGING, null, true);
        ringTimer = timers.schedule(settings.ringFor(), executor, this::onRingTimer);
    }

    private void onRingTimer() {
        ringTimer = null;
        if (state == State.RINGING) {
            answer(Event.RING_TIMER);
        }
    }

    private void answer(Event event) {
        transition(event, State.ANSWERED);
        counters.answered().increment();
        call.answer(Body.sdp(localSdp));
        LOG.debug("call={} answered 200 ({})", call.callId(), weOffered ? "with our offer" : "with the answer");
    }

    @Override
    public void onConfirmed(Call c) {
        if (state != State.ANSWERED) {
            return;
        }
        transition(Event.ACK, State.CONFIRMED);
        if (weOffered) {
            Optional<Body> answer = c.remoteBody().filter(Body::isSdp);
            Optional<String> problem = answer.isEmpty()
                    ? Optional.of("ACK carried no SDP answer to our offer (RFC 3261 §13.2.1)")
                    : SdpAnswer.problemWithAnswer(answer.get().text());
            if (problem.isPresent()) {
                LOG.info("call={} hanging up: {}", call.callId(), problem.get());
                counters.badAnswers().increment();
                c.hangup();
                return;
            }
        }
        Duration after = settings.hangupAfter();
        if (!after.isZero()) {
            hangupTimer = timers.schedule(after, executor, this::onHangupTimer);
        }
    }

    private void onHangupTimer() {
        hangupTimer = null;
        if (state == State.CONFIRMED) {
            transition(Event.HANGUP_TIMER, State.ENDED);
            counters.hangups().increment();
            LOG.debug("call={} hangupAfter {} s elapsed: BYE", call.callId(), settings.hangupAfter().toSeconds());
            call.hangup();
        }
    }

    @Override
    public void onEnded(Call c, EndReason reason, SipResponse finalResponse) {
        cancelTimers();
        if (state != State.ENDED) {
            transition(Event.CALL_ENDED, State.ENDED);
        }
        LOG.debug("call={} ended: {}", call.callId(), reason);
    }

    /** Answers a new offer in a re-INVITE or UPDATE by the rules of the first one (RFC 3264 §8). */
    @Override
    public void onRequest(Call c, InDialogRequest request) {
        SipMethod method = request.request().method();
        boolean offerMethod = SipMethod.INVITE.equals(method) || SipMethod.UPDATE.equals(method);
        Offer offer = offerMethod ? Offer.of(request.body()) : Offer.NONE;
        switch (offer.kind()) {
            case NONE -> request.accept(null);
            case UNSUPPORTED -> {
                counters.unsupportedMediaType().increment();
                request.reject(StatusCodes.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type",
                        new SipHeader("Accept", Body.SDP));
            }
            case SDP -> answerOffer(request, offer.sdp());
        }
    }

    private void answerOffer(InDialogRequest request, String offerSdp) {
        SdpAnswer.Outcome outcome = negotiator.answer(offerSdp, origin);
        if (outcome instanceof SdpAnswer.NotAcceptable refused) {
            counters.notAcceptable().increment();
            LOG.info("call={} {} offer refused: {} {}", call.callId(), request.request().method(),
                    refused.warnCode(), refused.warnText());
            request.reject(StatusCodes.NOT_ACCEPTABLE_HERE, "Not Acceptable Here", warning(refused));
            return;
        }
        String sdp = ((SdpAnswer.Accepted) outcome).sdp();
        if (!sdp.equals(localSdp)) {
            origin = origin.next();
            sdp = ((SdpAnswer.Accepted) negotiator.answer(offerSdp, origin)).sdp();
        }
        localSdp = sdp;
        request.accept(Body.sdp(sdp));
    }

    private void cancelTimers() {
        if (ringTimer != null) {
            ringTimer.cancel();
            ringTimer = null;
        }
        if (hangupTimer != null) {
            hangupTimer.cancel();
            hangupTimer = null;
        }
    }

    private void transition(Event event, State to) {
        LOG.trace("call={} {} --{}--> {}", call.callId(), state, event, to);
        state = to;
    }

    /**
     * {@code Warning: <code> strowger "<text>"} (RFC 3261 §20.43; the warn-agent is a pseudonym,
     * since the application does not know the host name the caller used).
     */
    static SipHeader warning(SdpAnswer.NotAcceptable refused) {
        StringBuilder text = new StringBuilder();
        for (char ch : refused.warnText().toCharArray()) {
            if (ch == '"' || ch == '\\') {
                text.append('\\').append(ch);
            } else if (ch >= 0x20 && ch != 0x7f) {
                text.append(ch);
            }
        }
        return new SipHeader("Warning", refused.warnCode() + " strowger \"" + text + "\"");
    }
}
