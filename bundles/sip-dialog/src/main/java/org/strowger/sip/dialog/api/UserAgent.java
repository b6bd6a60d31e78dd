package org.strowger.sip.dialog.api;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.Uri;

/**
 * The user agent (RFC 3261 §8): places calls, sends requests outside dialogs, and hands incoming
 * calls to the highest-ranked {@link org.strowger.sip.dialog.spi.CallHandler}.
 */
@ProviderType
public interface UserAgent {

    /** Places a call (§13.2.1). The listener gets its progress; the returned call can hang it up. */
    OutgoingCall call(CallRequest request, CallListener listener);

    /** Sends OPTIONS to a URI (§11.1); completes with the final response (408/503 synthesized on failure). */
    CompletionStage<SipResponse> options(Uri target);

    /**
     * A new out-of-dialog request with the mandatory headers of §8.1.1 filled in: Request-URI,
     * To (the URI), From (the configured identity, a new tag), Call-ID, CSeq 1, Max-Forwards 70,
     * Contact (for methods that need one). The caller adds to it and passes it to {@link #send}.
     */
    SipRequest newRequest(String method, Uri target);

    /** Sends an out-of-dialog request (§8.1); completes with its final response. */
    CompletionStage<SipResponse> send(SipRequest request);

    /** The live calls, oldest first. */
    List<Call> calls();

    /** A snapshot of every dialog, oldest first. */
    List<DialogInfo> dialogs();
}
