package org.strowger.sip.testcall.internal;

import java.util.List;
import java.util.Optional;

import org.strowger.sip.dialog.api.Body;
import org.strowger.sip.dialog.api.InDialogRequest;
import org.strowger.sip.message.api.SipHeader;
import org.strowger.sip.message.api.SipRequest;

/** An in-dialog request that records how the application answered it (once). */
final class RecordingInDialogRequest implements InDialogRequest {

    final SipRequest request;
    final Body body;
    Integer status;
    Body answerBody;
    List<SipHeader> headers;

    RecordingInDialogRequest(String method, Body body) {
        String headers = method + " sip:alice@127.0.0.1:5070 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-r" + method.length() + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:alice@127.0.0.1>;tag=a1\n"
                + "To: <sip:echo@127.0.0.1>;tag=b1\n"
                + "Call-ID: call-1@127.0.0.1\n"
                + "CSeq: 2 " + method + "\n";
        this.request = RecordingIncomingCall.parse(headers, "");
        this.body = body;
    }

    @Override
    public SipRequest request() {
        return request;
    }

    @Override
    public Optional<Body> body() {
        return Optional.ofNullable(body);
    }

    @Override
    public void accept(Body answer, SipHeader... headers) {
        answered(200, answer, headers);
    }

    @Override
    public void reject(int status, String reason, SipHeader... headers) {
        answered(status, null, headers);
    }

    private void answered(int code, Body answer, SipHeader... h) {
        if (status != null) {
            throw new AssertionError("answered twice: " + status + " then " + code);
        }
        status = code;
        answerBody = answer;
        headers = List.of(h);
    }
}
