package org.strowger.sip.dialog.internal;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import org.strowger.platform.testkit.ManualClock;
import org.strowger.platform.testkit.ManualTimerService;
import org.strowger.sip.dialog.api.Body;
import org.strowger.sip.dialog.api.Call;
import org.strowger.sip.dialog.api.CallListener;
import org.strowger.sip.dialog.api.EndReason;
import org.strowger.sip.dialog.api.InDialogRequest;
import org.strowger.sip.dialog.api.IncomingCall;
import org.strowger.sip.dialog.spi.CallHandler;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transaction.testkit.SequentialIds;
import org.strowger.platform.testkit.SimpleMetrics;
import org.strowger.sip.transaction.testkit.SipTestNetwork;
import org.strowger.sip.transaction.testkit.SipTestNode;
import org.strowger.sip.transaction.testkit.StaticSipResolver;
import org.strowger.sip.transaction.testkit.TrampolineExecutor;

/**
 * Two or more user agents on an in-memory SIP network, on virtual time: each UA is the real
 * {@link UaCore} on a real transaction layer ({@link SipTestNode}), messages are encoded and parsed
 * on their way, and the network can lose, duplicate and delay datagrams.
 */
final class UaHarness {

    final ManualClock clock = new ManualClock();
    final ManualTimerService timers = new ManualTimerService(clock);
    final TrampolineExecutor executor = new TrampolineExecutor();
    final StaticSipResolver resolver = new StaticSipResolver();
    final SipTestNetwork network;

    UaHarness() {
        this(1);
    }

    UaHarness(long seed) {
        network = new SipTestNetwork(timers, seed);
    }

    Ua ua(String ip) {
        return ua(ip, Map.of());
    }

    /** A UA on {@code ip}:5060 with configuration attributes overriding {@link UaConfig}'s defaults. */
    Ua ua(String ip, Map<String, Object> config) {
        return new Ua(this, ip, config);
    }

    void advance(Duration d) {
        timers.advance(d);
    }

    void advanceSeconds(long s) {
        timers.advance(Duration.ofSeconds(s));
    }

    /** A {@link UaConfig} with its defaults, some overridden. */
    static UaConfig config(Map<String, Object> overrides) {
        return (UaConfig) Proxy.newProxyInstance(UaConfig.class.getClassLoader(), new Class<?>[] {UaConfig.class},
                (proxy, method, args) -> overrides.containsKey(method.getName()) ? overrides.get(method.getName())
                        : method.getDefaultValue());
    }

    static Body sdp(String name, int version) {
        return Body.sdp("v=0\r\no=" + name + " 1 " + version + " IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n");
    }

    /** One user agent with a scripted call handler and recording listeners. */
    static final class Ua {
        final SipTestNode node;
        final UaCore core;
        final SimpleMetrics metrics = new SimpleMetrics();
        final List<IncomingCall> incoming = new ArrayList<>();
        final Map<Call, Recorder> recorders = new HashMap<>();
        /** What to do with each new incoming call; default: ring, then answer with an SDP answer. */
        Consumer<IncomingCall> onCall;
        CallHandler handler;

        Ua(UaHarness h, String ip, Map<String, Object> config) {
            node = new SipTestNode(h.network, ip, h.timers, h.executor, h.resolver);
            handler = call -> {
                incoming.add(call);
                Recorder r = new Recorder();
                recorders.put(call, r);
                call.setListener(r);
                if (onCall != null) {
                    onCall.accept(call);
                }
            };
            core = new UaCore(node.layer(), node.transport(), h.resolver, h.timers, new SequentialIds(ip + "-ua"),
                    h.clock, metrics, UaSettings.from(config(config)), () -> handler, new Random(7),
                    new MergedRequestDetector(h.clock, Duration.ofSeconds(32), 1000));
            node.setUser(core);
        }

        String uri(String user) {
            return "sip:" + user + "@" + node.address().getAddress().getHostAddress() + ":" + node.address().getPort();
        }

        Recorder recorder(Call c) {
            return recorders.get(c);
        }

        IncomingCall lastIncoming() {
            return incoming.get(incoming.size() - 1);
        }
    }

    /** Records what a call's listener sees; answers in-dialog requests as told. */
    static final class Recorder implements CallListener {
        final List<SipResponse> progress = new ArrayList<>();
        final List<SipResponse> answered = new ArrayList<>();
        final List<InDialogRequest> requests = new ArrayList<>();
        int confirmed;
        EndReason ended;
        SipResponse endResponse;
        /** false: in-dialog requests are held (not answered) for the test to answer. */
        boolean autoAccept = true;
        /** Non-zero: in-dialog requests are rejected with this status. */
        int rejectWith;
        Body answerForOffer;

        @Override
        public void onProgress(Call call, SipResponse response) {
            progress.add(response);
        }

        @Override
        public void onAnswered(Call call, SipResponse response) {
            answered.add(response);
        }

        @Override
        public void onConfirmed(Call call) {
            confirmed++;
        }

        @Override
        public Body answerOffer(Call call, Body offer) {
            return answerForOffer;
        }

        @Override
        public void onRequest(Call call, InDialogRequest request) {
            requests.add(request);
            if (rejectWith != 0) {
                request.reject(rejectWith, null);
            } else if (autoAccept) {
                request.accept(null);
            }
        }

        @Override
        public void onEnded(Call call, EndReason reason, SipResponse finalResponse) {
            ended = reason;
            endResponse = finalResponse;
        }
    }
}
