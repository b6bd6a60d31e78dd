package org.strowger.sip.dialog.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the user agent, PID {@value #PID}. */
@ObjectClassDefinition(id = UaConfig.PID, name = "Strowger SIP user agent",
        description = "UAC/UAS cores, dialogs and INVITE sessions (RFC 3261 §8, §12-15, RFC 3262, 3311, 4028, 6086)")
public @interface UaConfig {

    String PID = "org.strowger.sip.dialog";

    @AttributeDefinition(description = "User part of the From and Contact of requests this UA originates")
    String identityUser() default "strowger";

    @AttributeDefinition(description = "Display name of the From of requests this UA originates; empty for none")
    String displayName() default "Strowger";

    @AttributeDefinition(description = "Host of the From of requests this UA originates; empty: the advertised address of the listener used")
    String identityHost() default "";

    @AttributeDefinition(description = "User-Agent and Server header value; empty for none")
    String userAgent() default "Strowger";

    @AttributeDefinition(description = "Methods accepted (answered 405 with Allow otherwise, RFC 3261 §8.2.1)")
    String[] allow() default {"INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "PRACK", "UPDATE", "INFO"};

    @AttributeDefinition(description = "Content types accepted in request bodies (415 with Accept otherwise, §8.2.3)")
    String[] accept() default {"application/sdp", "application/dtmf-relay", "application/dtmf", "text/plain"};

    @AttributeDefinition(description = "Info Packages (RFC 6086) accepted in INFO and announced in Recv-Info; INFO naming another package gets 469. INFO without Info-Package (legacy, e.g. DTMF relay) is always accepted")
    String[] infoPackages() default {};

    @AttributeDefinition(description = "Largest request body accepted in bytes (413 beyond)")
    int maxBodySize() default 65535;

    @AttributeDefinition(description = "Use of reliable provisional responses (RFC 3262) as UAS and UAC: OFF, SUPPORTED or REQUIRED. "
            + "SUPPORTED: provisionals are sent reliably when the caller requires 100rel or the application asks for it")
    String reliableProvisionals() default "SUPPORTED";

    @AttributeDefinition(description = "Use of session timers (RFC 4028): OFF, SUPPORTED or REQUIRED")
    String sessionTimer() default "SUPPORTED";

    @AttributeDefinition(description = "Session interval asked for and granted, in seconds (RFC 4028 Session-Expires)")
    int sessionExpires() default 1800;

    @AttributeDefinition(description = "Smallest session interval accepted, in seconds (RFC 4028 Min-SE, at least 90); smaller requests get 422")
    int minSE() default 90;

    @AttributeDefinition(description = "RFC 3261 T1 in milliseconds, for 2xx and reliable provisional retransmission; keep equal to the transaction layer's")
    int t1() default 500;

    @AttributeDefinition(description = "RFC 3261 T2 in milliseconds, cap of the 2xx retransmission interval")
    int t2() default 4000;

    @AttributeDefinition(description = "Upper bound in seconds of the random Retry-After of 500 responses to overlapping re-INVITEs/UPDATEs (RFC 3261 §14.2, RFC 3311 §5.2)")
    int retryAfterMax() default 10;

    @AttributeDefinition(description = "Most concurrent calls (INVITE sessions); new INVITEs beyond get 503 with Retry-After")
    int maxCalls() default 100000;
}
