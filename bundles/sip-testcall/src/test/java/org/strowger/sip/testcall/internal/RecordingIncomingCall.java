package org.strowger.sip.testcall.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.strowger.sip.dialog.api.Body;
import org.strowger.sip.dialog.api.CallListener;
import org.strowger.sip.dialog.api.CallState;
import org.strowger.sip.dialog.api.DialogInfo;
import org.strowger.sip.dialog.api.Direction;
import org.strowger.sip.dialog.api.EndReason;
import org.strowger.sip.dialog.api.InDialogRequest;
import org.strowger.sip.dialog.api.IncomingCall;
import org.strowger.sip.message.api.NameAddr;
import org.strowger.sip.message.api.ParseResult;
import org.strowger.sip.message.api.SipCodecConfig;
import org.strowger.sip.message.api.SipHeader;
import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipParser;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;

/**
 * An {@link IncomingCall} that records what the application does with it and lets a test play the
 * dialog layer's part (ACK, BYE, CANCEL, in-dialog requests) by calling the listener. It follows
 * the API's state rules loosely: answering or rejecting twice, or after the end, is recorded as a
 * violation the tests assert is empty.
 */
final class RecordingIncomingCall implements IncomingCall {

    /** One response the application asked for. */
    record Sent(int status, String reason, Body body, boolean reliable, List<SipHeader> headers) {
    }

    final SipRequest invite;
    Optional<Body> remoteBody;
    CallListener listener;
    CallState state = CallState.INITIAL;
    final List<Sent> provisionals = new ArrayList<>();
    Sent finalResponse;
    int hangups;
    final List<String> violations = new ArrayList<>();

    RecordingIncomingCall(SipRequest invite) {
        this.invite = invite;
        this.remoteBody = invite.contentLength() == 0 ? Optional.empty()
                : Optional.of(new Body(invite.header("Content-Type"), invite.body()));
    }

    /** Parses a request written with LF line ends; the body keeps its own line ends. */
    static SipRequest parse(String headers, String body) {
        String text = headers.replace("\n", "\r\n") + "Content-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    static SipRequest parse(byte[] bytes) {
        ParseResult r = new SipParser(SipCodecConfig.DEFAULTS).parse(bytes, 0, bytes.length);
        if (!r.isSuccess()) {
            throw new AssertionError(r.failure().reason());
        }
        return (SipRequest) r.message();
    }

    /** An INVITE to {@code requestUri} with the given Content-Type and body (none when null). */
    static RecordingIncomingCall invite(String requestUri, String contentType, String body) {
        String headers = "INVITE " + requestUri + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-t1\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:alice@127.0.0.1>;tag=a1\n"
                + "To: <" + requestUri + ">\n"
                + "Call-ID: call-1@127.0.0.1\n"
                + "CSeq: 1 INVITE\n"
                + "Contact: <sip:alice@127.0.0.1:5070>\n"
                + "Supported: 100rel\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\n");
        return new RecordingIncomingCall(parse(headers, body == null ? "" : body));
    }

    boolean answered() {
        return finalResponse != null && finalResponse.status() == 200;
    }

    // --- the dialog layer's side, driven by the test ---

    void ack(Body answer) {
        if (answer != null) {
            remoteBody = Optional.of(answer);
        }
        listener.onConfirmed(this);
    }

    void end(EndReason reason) {
        state = CallState.TERMINATED;
        if (listener != null) {
            listener.onEnded(this, reason, null);
        }
    }

    void request(InDialogRequest request) {
        listener.onRequest(this, request);
    }

    // --- IncomingCall ---

    @Override
    public SipRequest invite() {
        return invite;
    }

    @Override
    public void progress(int status, Body body, boolean reliable) {
        if (state != CallState.INITIAL && state != CallState.EARLY) {
            violations.add("progress " + status + " in " + state);
        }
        state = CallState.EARLY;
        provisionals.add(new Sent(status, null, body, reliable, List.of()));
    }

    @Override
    public void answer(Body body, SipHeader... headers) {
        finish(new Sent(200, "OK", body, false, List.of(headers)));
        state = CallState.CONFIRMED;
    }

    @Override
    public void reject(int status, String reason, SipHeader... headers) {
        finish(new Sent(status, reason, null, false, List.of(headers)));
        state = CallState.TERMINATED;
    }

    @Override
    public void redirect(int status, List<NameAddr> contacts) {
        finish(new Sent(status, null, null, false, List.of()));
        state = CallState.TERMINATED;
    }

    private void finish(Sent sent) {
        if (finalResponse != null || state == CallState.TERMINATED) {
            violations.add("final response " + sent.status() + " after " + finalResponse + " in " + state);
        }
        finalResponse = sent;
    }

    @Override
    public String callId() {
        return invite.callId();
    }

    @Override
    public Direction direction() {
        return Direction.INCOMING;
    }

    @Override
    public CallState state() {
        return state;
    }

    @Override
    public Optional<DialogInfo> dialog() {
        return Optional.empty();
    }

    @Override
    public Optional<Body> remoteBody() {
        return remoteBody;
    }

    @Override
    public void setListener(CallListener listener) {
        this.listener = listener;
    }

    @Override
    public void hangup() {
        hangups++;
    }

    @Override
    public CompletionStage<SipResponse> reinvite(Body offer) {
        throw new AssertionError("the test application never sends re-INVITE");
    }

    @Override
    public CompletionStage<SipResponse> update(Body offer) {
        throw new AssertionError("the test application never sends UPDATE");
    }

    @Override
    public CompletionStage<SipResponse> info(String infoPackage, Body body) {
        throw new AssertionError("the test application never sends INFO");
    }

    @Override
    public CompletionStage<SipResponse> sendRequest(SipMethod method, Body body, SipHeader... headers) {
        throw new AssertionError("the test application never sends in-dialog requests");
    }
}
