package org.strowger.sip.stateless.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.strowger.sip.message.api.SipMethod;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.StatusCodes;

/**
 * Decides the answer of the stateless core to one request. Pure function of the request and the
 * configuration, as RFC 3261 §8.2.7 requires of a stateless UAS: a retransmitted request gets the
 * same response again, and nothing is remembered.
 */
final class StatelessResponder {

    /** What the core does with a request. */
    enum Outcome { ANSWERED_OPTIONS, NOT_IMPLEMENTED, BAD_EXTENSION, IGNORED }

    /** The outcome and, unless ignored, the response to send. */
    record Decision(Outcome outcome, Optional<SipResponse> response) { }

    private final String allow;
    private final String accept;
    private final String supported;
    private final Set<String> supportedTags;
    private final String server;

    StatelessResponder(List<String> allow, List<String> accept, List<String> supported, String server) {
        this.allow = String.join(", ", allow);
        this.accept = String.join(", ", accept);
        this.supported = String.join(", ", supported);
        this.supportedTags = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        this.supportedTags.addAll(supported);
        this.server = server;
    }

    Decision decide(SipRequest request) {
        SipMethod method = request.method();
        // RFC 3261 §8.2.7: a stateless UAS MUST ignore ACK and CANCEL requests.
        if (SipMethod.ACK.equals(method) || SipMethod.CANCEL.equals(method)) {
            return new Decision(Outcome.IGNORED, Optional.empty());
        }
        // RFC 3261 §8.2.2.3: an extension the UAS does not understand, required by the UAC, gets 420
        // listing those extensions in Unsupported.
        List<String> unsupported = new ArrayList<>();
        for (String tag : request.headerValues("Require")) {
            if (!tag.isEmpty() && !supportedTags.contains(tag)) {
                unsupported.add(tag);
            }
        }
        if (!unsupported.isEmpty()) {
            SipResponse r = response(request, StatusCodes.BAD_EXTENSION);
            r.addHeader("Unsupported", String.join(", ", unsupported));
            return new Decision(Outcome.BAD_EXTENSION, Optional.of(r));
        }
        if (SipMethod.OPTIONS.equals(method)) {
            // RFC 3261 §11.2: the 200 to OPTIONS carries the capabilities: Allow, Accept, Supported.
            SipResponse r = response(request, StatusCodes.OK);
            r.addHeader("Allow", allow);
            r.addHeader("Accept", accept);
            r.addHeader("Supported", supported);
            return new Decision(Outcome.ANSWERED_OPTIONS, Optional.of(r));
        }
        // RFC 3261 §21.5.2: the server does not support the functionality required to fulfil the
        // request. An honest answer until the transaction and dialog layers handle it.
        SipResponse r = response(request, StatusCodes.NOT_IMPLEMENTED);
        r.addHeader("Allow", allow);
        return new Decision(Outcome.NOT_IMPLEMENTED, Optional.of(r));
    }

    private SipResponse response(SipRequest request, int status) {
        SipResponse r = SipResponse.createFor(request, status);
        // RFC 3261 §8.2.6.2: a response without a To tag gets one; §8.2.7: stateless, so derived
        // from the request and the same for its retransmissions.
        r.addStatelessToTag();
        if (!server.isEmpty()) {
            r.addHeader("Server", server);
        }
        return r;
    }
}
