package org.strowger.sip.dialog.internal;

/**
 * Offer/answer bookkeeping for one dialog (RFC 3264 §4, RFC 3261 §13.2.1, RFC 3311 §5, RFC 3262
 * §5): whether an offer is outstanding and in which direction. Bodies stay opaque: a body in a
 * message that may carry an offer or answer is the offer when none is outstanding, else the
 * answer. Owned by the call's serial executor.
 */
final class OfferAnswer {

    /** The negotiation state. */
    enum State {
        /** No offer outstanding (none yet, or the last one answered). */
        STABLE,
        /** We sent an offer, no answer yet. */
        LOCAL_OFFER,
        /** We received an offer, not answered yet. */
        REMOTE_OFFER
    }

    private State state = State.STABLE;
    private boolean everCompleted;

    State state() {
        return state;
    }

    /** Whether at least one offer/answer exchange has completed (an early or confirmed session exists). */
    boolean hasSession() {
        return everCompleted;
    }

    /** We send a body in an offer-capable message. */
    void localBody() {
        switch (state) {
            case STABLE -> state = State.LOCAL_OFFER;
            case REMOTE_OFFER -> complete();
            case LOCAL_OFFER -> { } // the same offer again (a retransmitted 2xx, a repeated reliable 18x)
        }
    }

    /**
     * We receive a body that may be an offer: in a request (INVITE, re-INVITE, UPDATE, PRACK) or in
     * the 2xx to a request of ours that had none. With our offer outstanding it is the answer.
     */
    void remoteOffer() {
        switch (state) {
            case STABLE -> state = State.REMOTE_OFFER;
            case LOCAL_OFFER -> complete();
            case REMOTE_OFFER -> { }
        }
    }

    /**
     * We receive a body in a message that can only answer (a provisional or 2xx response to our
     * offer, the ACK to our 2xx offer): the answer while our offer is outstanding, otherwise a repeat
     * of the answer already given (RFC 6337 §3.1.1: the 2xx often repeats a reliable 18x's answer),
     * which changes nothing.
     *
     * @return whether it was the answer
     */
    boolean remoteAnswer() {
        if (state == State.LOCAL_OFFER) {
            complete();
            return true;
        }
        return false;
    }

    /** The request that carried our offer failed (non-2xx): the offer is withdrawn (RFC 3311 §5.1). */
    void localOfferRejected() {
        if (state == State.LOCAL_OFFER) {
            state = State.STABLE;
        }
    }

    /** We rejected the request that carried the remote offer. */
    void remoteOfferRejected() {
        if (state == State.REMOTE_OFFER) {
            state = State.STABLE;
        }
    }

    private void complete() {
        state = State.STABLE;
        everCompleted = true;
    }
}
