package org.strowger.sip.testcall.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.strowger.platform.api.Counter;
import org.strowger.platform.api.Metrics;
import org.strowger.platform.testkit.ManualClock;
import org.strowger.platform.testkit.ManualTimerService;
import org.strowger.sip.dialog.api.Body;
import org.strowger.sip.dialog.api.EndReason;
import org.strowger.sip.message.api.SipHeader;

class TestCallApplicationTest {

    static final String ECHO = "sip:echo@127.0.0.1:5060";

    /** Counters in a map, so a test can read them by name. */
    static final class MapMetrics implements Metrics {
        final TreeMap<String, long[]> values = new TreeMap<>();

        @Override
        public Counter counter(String name) {
            long[] v = values.computeIfAbsent(name, n -> new long[1]);
            return new Counter() {
                @Override
                public void increment() {
                    v[0]++;
                }

                @Override
                public void add(long delta) {
                    v[0] += delta;
                }

                @Override
                public long get() {
                    return v[0];
                }
            };
        }

        @Override
        public SortedMap<String, Long> snapshot() {
            TreeMap<String, Long> out = new TreeMap<>();
            values.forEach((k, v) -> out.put(k, v[0]));
            return out;
        }

        long get(String name) {
            long[] v = values.get("sip.testcall." + name);
            return v == null ? 0 : v[0];
        }
    }

    private final ManualTimerService timers = new ManualTimerService(new ManualClock());
    private final MapMetrics metrics = new MapMetrics();
    private final List<String> executorKeys = new ArrayList<>();
    private final List<RecordingIncomingCall> calls = new ArrayList<>();

    private TestCallApplication app(Duration ringFor, Duration hangupAfter) {
        TestCallSettings settings = new TestCallSettings("echo", hangupAfter, ringFor, "127.0.0.1", 4000);
        long[] ids = {1000};
        return new TestCallApplication(settings, timers, key -> {
            executorKeys.add(key);
            return (Executor) Runnable::run;
        }, TestCallCounters.from(metrics), () -> ids[0]++);
    }

    private RecordingIncomingCall offer(TestCallApplication app, String requestUri, String contentType, String body) {
        RecordingIncomingCall call = RecordingIncomingCall.invite(requestUri, contentType, body);
        calls.add(call);
        app.onIncomingCall(call);
        return call;
    }

    private RecordingIncomingCall sippOffer(TestCallApplication app) {
        return offer(app, ECHO, Body.SDP, Sdp.resource("offers/sipp-uac.sdp"));
    }

    @AfterEach
    void noApiMisuse() {
        for (RecordingIncomingCall c : calls) {
            assertEquals(List.of(), c.violations);
        }
    }

    // --- routing by Request-URI user ---

    @Test
    void rfc3261_21_4_5_otherUserGets404NotFound() {
        RecordingIncomingCall call = offer(app(Duration.ZERO, Duration.ofSeconds(30)), "sip:alice@127.0.0.1", Body.SDP,
                Sdp.resource("offers/sipp-uac.sdp"));
        assertEquals(404, call.finalResponse.status());
        assertEquals("Not Found", call.finalResponse.reason());
        assertNull(call.listener, "a rejected call gets no listener");
        assertEquals(1, metrics.get("not_found"));
        assertEquals(0, timers.pending());
    }

    @Test
    void rfc3261_19_1_4_userComparisonIsCaseSensitive() {
        assertEquals(404, offer(app(Duration.ZERO, Duration.ZERO), "sip:Echo@127.0.0.1", null, null)
                .finalResponse.status());
    }

    @Test
    void rfc3261_19_1_1_escapedUserIsComparedUnescaped() {
        assertTrue(offer(app(Duration.ZERO, Duration.ZERO), "sip:%65cho@127.0.0.1", null, null).answered());
    }

    @Test
    void rfc3966_telUriNumberIsTheUser() {
        TestCallApplication app = new TestCallApplication(
                new TestCallSettings("600", Duration.ZERO, Duration.ZERO, "127.0.0.1", 4000), timers,
                key -> Runnable::run, TestCallCounters.from(metrics), () -> 1);
        assertTrue(offer(app, "tel:600", null, null).answered());
        assertEquals(404, offer(app, "tel:601", null, null).finalResponse.status());
    }

    @Test
    void sippDefaultUacInviteIsAnswered() {
        RecordingIncomingCall call = new RecordingIncomingCall(
                RecordingIncomingCall.parse(Sdp.bytes("offers/sipp-uac-invite.sip")));
        calls.add(call);
        TestCallApplication app = app(Duration.ZERO, Duration.ofSeconds(30));
        app.onIncomingCall(call);
        assertTrue(call.answered());
        assertEquals(List.of("m=audio 4000 RTP/AVP 0"), Sdp.mLines(call.finalResponse.body().text()));
        assertEquals(List.of("1-21838@127.0.0.1"), executorKeys, "timers go to the Call-ID's executor");
    }

    // --- answering ---

    @Test
    void rfc3261_13_3_1_4_answersAtOnceWith200AndTheSdpAnswer() {
        RecordingIncomingCall call = sippOffer(app(Duration.ZERO, Duration.ofSeconds(30)));
        assertEquals(List.of(), call.provisionals, "ringFor 0: no 180");
        assertTrue(call.answered());
        Body body = call.finalResponse.body();
        assertTrue(body.isSdp());
        assertTrue(Sdp.lines(body.text()).contains("o=- 1000 1000 IN IP4 127.0.0.1"));
        assertEquals(List.of("m=audio 4000 RTP/AVP 0"), Sdp.mLines(body.text()));
        assertTrue(call.listener instanceof TestCall, "the application follows the call");
        assertEquals(1, metrics.get("calls"));
        assertEquals(1, metrics.get("answered"));
    }

    @Test
    void rfc3262_3_ringsReliablyThenAnswersAfterRingFor() {
        RecordingIncomingCall call = sippOffer(app(Duration.ofMillis(2000), Duration.ofSeconds(30)));
        assertEquals(1, call.provisionals.size());
        RecordingIncomingCall.Sent ringing = call.provisionals.get(0);
        assertEquals(180, ringing.status());
        assertTrue(ringing.reliable(), "100rel asked for; the UA sends it reliably if the caller supports it");
        assertNull(ringing.body(), "no early media");
        timers.advance(Duration.ofMillis(1999));
        assertNull(call.finalResponse);
        timers.advance(Duration.ofMillis(1));
        assertTrue(call.answered());
        assertEquals(0, timers.pending(), "the hang-up timer waits for the ACK");
    }

    @Test
    void rfc3261_9_2_cancelWhileRingingCancelsTheRingTimer() {
        RecordingIncomingCall call = sippOffer(app(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        assertEquals(1, timers.pending());
        call.end(EndReason.CANCELLED);
        assertEquals(0, timers.pending());
        timers.advance(Duration.ofSeconds(10));
        assertNull(call.finalResponse, "never answered after CANCEL");
        assertEquals(TestCall.State.ENDED, ((TestCall) call.listener).state());
    }

    // --- hanging up ---

    @Test
    void rfc3261_15_1_1_byeAfterHangupAfterCountedFromTheAck() {
        RecordingIncomingCall call = sippOffer(app(Duration.ZERO, Duration.ofSeconds(30)));
        timers.advance(Duration.ofSeconds(10)); // ACK late: the timer has not started
        assertEquals(0, call.hangups);
        call.ack(null);
        timers.advance(Duration.ofMillis(29_999));
        assertEquals(0, call.hangups);
        timers.advance(Duration.ofMillis(1));
        assertEquals(1, call.hangups);
        assertEquals(1, metrics.get("hangups"));
        call.end(EndReason.LOCAL_BYE);
        timers.advance(Duration.ofMinutes(5));
        assertEquals(1, call.hangups, "one BYE only");
    }

    @Test
    void rfc3261_15_1_2_callerByeFirstCancelsTheHangupTimer() {
        RecordingIncomingCall call = sippOffer(app(Duration.ZERO, Duration.ofSeconds(30)));
        call.ack(null);
        assertEquals(1, timers.pending());
        call.end(EndReason.REMOTE_BYE);
        assertEquals(0, timers.pending());
        timers.advance(Duration.ofMinutes(1));
        assertEquals(0, call.hangups);
        assertEquals(0, metrics.get("hangups"));
    }

    @Test
    void hangupAfterZeroNeverHangsUp() {
        RecordingIncomingCall call = sippOffer(app(Duration.ZERO, Duration.ZERO));
        call.ack(null);
        assertEquals(0, timers.pending());
        timers.advance(Duration.ofHours(1));
        assertEquals(0, call.hangups);
    }

    @Test
    void rfc3261_13_3_1_4_noAckEndsTheCallWithoutATimer() {
        RecordingIncomingCall call = sippOffer(app(Duration.ZERO, Duration.ofSeconds(30)));
        call.end(EndReason.NO_ACK);
        assertEquals(0, timers.pending());
        assertEquals(TestCall.State.ENDED, ((TestCall) call.listener).state());
    }

    // --- refusing ---

    @Test
    void rfc3261_21_4_26_unacceptableOfferGets488WithWarning305() {
        RecordingIncomingCall call = offer(app(Duration.ofSeconds(2), Duration.ofSeconds(30)), ECHO, Body.SDP,
                Sdp.resource("offers/opus-g729-only.sdp"));
        assertEquals(488, call.finalResponse.status());
        assertEquals("Not Acceptable Here", call.finalResponse.reason());
        assertEquals(List.of(), call.provisionals, "no ringing for a call we cannot take");
        SipHeader warning = call.finalResponse.headers().get(0);
        assertEquals("Warning", warning.name());
        assertTrue(warning.value().startsWith("305 strowger \"Incompatible media format: "), warning.value());
        assertEquals(1, metrics.get("not_acceptable"));
        assertEquals(0, timers.pending());
    }

    @Test
    void rfc3261_20_43_garbledOfferGets488WithWarning399NamingTheProblem() {
        RecordingIncomingCall call = offer(app(Duration.ZERO, Duration.ZERO), ECHO, Body.SDP, "v=0\r\nnonsense\r\n");
        assertEquals(488, call.finalResponse.status());
        assertEquals(new SipHeader("Warning", "399 strowger \"Malformed SDP offer: line 2 is not <type>=<value>\""),
                call.finalResponse.headers().get(0));
    }

    @Test
    void rfc3261_20_43_warnTextQuotesAndBackslashesAreEscaped() {
        assertEquals("399 strowger \"a \\\"b\\\" c\\\\d\"",
                TestCall.warning(new SdpAnswer.NotAcceptable(399, "a \"b\" c\\d\u0001")).value());
    }

    @Test
    void rfc3261_21_4_13_nonSdpBodyGets415WithAccept() {
        RecordingIncomingCall call = offer(app(Duration.ZERO, Duration.ZERO), ECHO, "text/plain", "hello");
        assertEquals(415, call.finalResponse.status());
        assertEquals(List.of(new SipHeader("Accept", "application/sdp")), call.finalResponse.headers());
        assertEquals(1, metrics.get("unsupported_media_type"));
    }

    @Test
    void rfc5621_3_sdpPartOfAMultipartBodyIsTheOffer() {
        String body = "--b1\r\nContent-Type: application/isup\r\n\r\nxyz\r\n"
                + "--b1\r\nContent-Type: application/sdp\r\n\r\n" + Sdp.resource("offers/asterisk.sdp")
                + "\r\n--b1--\r\n";
        RecordingIncomingCall call = offer(app(Duration.ZERO, Duration.ZERO), ECHO, "multipart/mixed;boundary=b1", body);
        assertTrue(call.answered());
        assertEquals(List.of("m=audio 4000 RTP/AVP 8 0 101"), Sdp.mLines(call.finalResponse.body().text()));
    }

    @Test
    void rfc5621_3_multipartWithoutSdpGets415() {
        String body = "--b1\r\nContent-Type: application/isup\r\n\r\nxyz\r\n--b1--\r\n";
        assertEquals(415, offer(app(Duration.ZERO, Duration.ZERO), ECHO, "multipart/mixed;boundary=b1", body)
                .finalResponse.status());
    }

    // --- offerless INVITE ---

    @Test
    void rfc3261_13_2_1_offerlessInviteGetsOurOfferAndTheAckAnswerIsChecked() {
        RecordingIncomingCall call = offer(app(Duration.ZERO, Duration.ofSeconds(30)), ECHO, null, null);
        assertTrue(call.answered());
        assertEquals(List.of("m=audio 4000 RTP/AVP 0 8 101"), Sdp.mLines(call.finalResponse.body().text()));
        call.ack(Body.sdp(Sdp.resource("offers/sipp-uac.sdp")));
        assertEquals(0, call.hangups);
        assertEquals(1, timers.pending(), "a good answer: the call runs its course");
    }

    @Test
    void rfc3261_13_2_1_ackWithoutAnswerToOurOfferEndsTheCall() {
        RecordingIncomingCall call = offer(app(Duration.ZERO, Duration.ofSeconds(30)), ECHO, null, null);
        call.ack(null);
        assertEquals(1, call.hangups);
        assertEquals(1, metrics.get("bad_answers"));
        assertEquals(0, timers.pending());
    }

    @Test
    void rfc3264_6_1_ackAnswerRejectingOurAudioEndsTheCall() {
        RecordingIncomingCall call = offer(app(Duration.ZERO, Duration.ofSeconds(30)), ECHO, null, null);
        call.ack(Body.sdp(Sdp.resource("offers/sipp-uac.sdp").replace("m=audio 6000", "m=audio 0")));
        assertEquals(1, call.hangups);
    }

    // --- offers inside the dialog ---

    @Test
    void rfc3264_8_holdReinviteIsAnsweredRecvonlyWithTheVersionBumped() {
        RecordingIncomingCall call = offer(app(Duration.ZERO, Duration.ZERO), ECHO, Body.SDP,
                Sdp.resource("offers/asterisk.sdp"));
        call.ack(null);
        RecordingInDialogRequest reinvite = new RecordingInDialogRequest("INVITE",
                Body.sdp(Sdp.resource("offers/asterisk-hold.sdp")));
        call.request(reinvite);
        assertEquals(200, reinvite.status);
        List<String> lines = Sdp.lines(reinvite.answerBody.text());
        assertTrue(lines.contains("o=- 1000 1001 IN IP4 127.0.0.1"), lines::toString);
        assertTrue(lines.contains("a=recvonly"), lines::toString);
    }

    @Test
    void rfc3264_8_unchangedReofferKeepsTheVersion() {
        RecordingIncomingCall call = sippOffer(app(Duration.ZERO, Duration.ZERO));
        call.ack(null);
        RecordingInDialogRequest update = new RecordingInDialogRequest("UPDATE",
                Body.sdp(Sdp.resource("offers/sipp-uac.sdp")));
        call.request(update);
        assertEquals(200, update.status);
        assertEquals(call.finalResponse.body().text(), update.answerBody.text());
    }

    @Test
    void rfc3261_14_2_unacceptableReinviteGets488AndTheSessionStays() {
        RecordingIncomingCall call = sippOffer(app(Duration.ZERO, Duration.ZERO));
        call.ack(null);
        RecordingInDialogRequest reinvite = new RecordingInDialogRequest("INVITE",
                Body.sdp(Sdp.resource("offers/webrtc.sdp")));
        call.request(reinvite);
        assertEquals(488, reinvite.status);
        assertTrue(reinvite.headers.get(0).value().startsWith("302 "), reinvite.headers.toString());
        RecordingInDialogRequest again = new RecordingInDialogRequest("INVITE",
                Body.sdp(Sdp.resource("offers/sipp-uac.sdp")));
        call.request(again);
        assertEquals(call.finalResponse.body().text(), again.answerBody.text(), "version unchanged: nothing changed");
    }

    @Test
    void rfc6086_infoAndOfferlessReinviteAreAcceptedTheStandardWay() {
        RecordingIncomingCall call = sippOffer(app(Duration.ZERO, Duration.ZERO));
        call.ack(null);
        RecordingInDialogRequest info = new RecordingInDialogRequest("INFO", new Body("application/dtmf-relay",
                "Signal=5\r\nDuration=160\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        call.request(info);
        assertEquals(200, info.status);
        assertNull(info.answerBody);
        RecordingInDialogRequest refresh = new RecordingInDialogRequest("INVITE", null);
        call.request(refresh);
        assertEquals(200, refresh.status);
        assertNull(refresh.answerBody, "null: the UA sends the last local body as the offer");
    }

    @Test
    void eachCallGetsItsOwnSessionId() {
        TestCallApplication app = app(Duration.ZERO, Duration.ZERO);
        RecordingIncomingCall a = sippOffer(app);
        RecordingIncomingCall b = sippOffer(app);
        assertTrue(Sdp.lines(a.finalResponse.body().text()).contains("o=- 1000 1000 IN IP4 127.0.0.1"));
        assertTrue(Sdp.lines(b.finalResponse.body().text()).contains("o=- 1001 1001 IN IP4 127.0.0.1"));
    }
}
