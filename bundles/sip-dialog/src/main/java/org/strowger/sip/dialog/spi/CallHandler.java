package org.strowger.sip.dialog.spi;

import org.osgi.annotation.versioning.ConsumerType;
import org.strowger.sip.dialog.api.IncomingCall;

/**
 * Receives new incoming calls (an INVITE outside any dialog that passed the UAS checks of RFC 3261
 * §8.2). Exactly one is used: the service with the highest {@code service.ranking}; with none the UA
 * answers 480 Temporarily Unavailable. Called on the call's serial executor; must not block: set a
 * listener, then answer, reject or redirect now or later (the UA sends 100 Trying meanwhile).
 */
@ConsumerType
@FunctionalInterface
public interface CallHandler {

    void onIncomingCall(IncomingCall call);
}
