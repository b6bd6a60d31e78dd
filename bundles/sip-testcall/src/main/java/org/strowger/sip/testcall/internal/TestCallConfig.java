package org.strowger.sip.testcall.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the test call application, PID {@code org.strowger.sip.testcall}. */
@ObjectClassDefinition(
        id = TestCallConfig.PID,
        name = "Strowger test call application",
        description = "Answers calls to one user with an SDP answer and hangs up after a while, so calls "
                + "can be tested end to end before the PBX is installed. Media is announced, not sent yet.")
public @interface TestCallConfig {

    String PID = "org.strowger.sip.testcall";

    @AttributeDefinition(name = "User",
            description = "User part of the Request-URI that is answered (e.g. sip:echo@host); any other "
                    + "user gets 404 Not Found. Compared case-sensitively (RFC 3261 §19.1.4).")
    String user() default "echo";

    @AttributeDefinition(name = "Hang up after (s)",
            description = "Seconds after the ACK before the application sends BYE; 0 = never.")
    int hangupAfter() default 30;

    @AttributeDefinition(name = "Ring for (ms)",
            description = "Milliseconds of 180 Ringing before answering; 0 = answer at once without 180.")
    long ringFor() default 0;

    @AttributeDefinition(name = "Media address",
            description = "IPv4 or IPv6 literal put in the SDP c= and o= lines. The application cannot see "
                    + "the address the INVITE arrived on, so set it to a reachable address of this host.")
    String mediaAddress() default "127.0.0.1";

    @AttributeDefinition(name = "Media port",
            description = "RTP port announced for the first audio stream (the next one gets +2). Only "
                    + "announced: media is handled in a later version.")
    int mediaPort() default 4000;
}
