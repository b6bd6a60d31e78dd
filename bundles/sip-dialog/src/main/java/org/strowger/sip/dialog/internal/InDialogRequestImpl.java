package org.strowger.sip.dialog.internal;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.sip.dialog.api.Body;
import org.strowger.sip.dialog.api.InDialogRequest;
import org.strowger.sip.message.api.SipHeader;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.transaction.api.ServerTransaction;

/** A request received inside a dialog, answered exactly once through its call. */
final class InDialogRequestImpl implements InDialogRequest {

    private static final Logger LOG = LoggerFactory.getLogger(InDialogRequestImpl.class);

    private final AbstractCall call;
    private final ServerTransaction tx;
    private final boolean offerCapable;
    private boolean answered;

    InDialogRequestImpl(AbstractCall call, ServerTransaction tx, boolean offerCapable) {
        this.call = call;
        this.tx = tx;
        this.offerCapable = offerCapable;
    }

    @Override
    public SipRequest request() {
        return tx.request();
    }

    @Override
    public Optional<Body> body() {
        return tx.request().body().length == 0 ? Optional.empty() : Optional.of(AbstractCall.bodyOf(tx.request()));
    }

    @Override
    public void accept(Body body, SipHeader... headers) {
        answer(200, null, body, headers);
    }

    @Override
    public void reject(int status, String reason, SipHeader... headers) {
        if (status < 300 || status > 699) {
            throw new IllegalArgumentException("reject needs a 3xx-6xx status, got " + status);
        }
        answer(status, reason, null, headers);
    }

    private void answer(int status, String reason, Body body, SipHeader... headers) {
        call.executor().execute(() -> {
            if (answered) {
                LOG.warn("call={} {} answered twice; the second answer ({}) is ignored", call.callId(),
                        tx.request().method(), status);
                return;
            }
            answered = true;
            call.answerInDialog(tx, status, reason, body, offerCapable, headers);
        });
    }
}
