package org.strowger.sip.dialog.api;

import java.util.Objects;
import java.util.Optional;

import org.strowger.sip.message.api.NameAddr;
import org.strowger.sip.message.api.Uri;

/**
 * An outgoing call: where to, from whom, the offer.
 *
 * @param target  the Request-URI (RFC 3261 §8.1.1.1)
 * @param from    the From (a tag is added); {@code null} → the configured default identity
 * @param to      the To; {@code null} → the target
 * @param offer   the SDP offer (or any body); {@code null} → an offerless INVITE, the offer comes
 *                in the 2xx and the answer goes in the ACK (RFC 3261 §13.2.1)
 * @param options extensions and extra headers
 */
public record CallRequest(Uri target, NameAddr from, NameAddr to, Body offer, CallOptions options) {

    public CallRequest {
        Objects.requireNonNull(target, "target");
        options = options == null ? CallOptions.DEFAULTS : options;
    }

    public static CallRequest to(Uri target, Body offer) {
        return new CallRequest(target, null, null, offer, CallOptions.DEFAULTS);
    }

    public Optional<Body> offerBody() {
        return Optional.ofNullable(offer);
    }
}
