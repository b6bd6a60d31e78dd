package org.strowger.sip.transport.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One SIP listener, factory PID {@code org.strowger.sip.transport.listener}
 * (files {@code etc/org.strowger.sip.transport.listener-<name>.cfg}).
 */
@ObjectClassDefinition(name = "Strowger SIP listener",
        description = "A UDP or TCP socket on which SIP is received and sent.")
public @interface ListenerConfig {

    String FACTORY_PID = "org.strowger.sip.transport.listener";

    @AttributeDefinition(description = "Unique listener name: letters, digits, '-' and '_' (used in metric names and sip:listeners).")
    String name();

    @AttributeDefinition(description = "UDP or TCP.")
    String transport() default "UDP";

    @AttributeDefinition(description = "IP address to bind; 0.0.0.0 or :: for all interfaces. "
            + "Distribution files use ${env:STROWGER_SIP_HOST:-0.0.0.0}.")
    String host() default "0.0.0.0";

    @AttributeDefinition(description = "Port to bind (1-65535, or 0 for any free port). Distribution files use ${env:STROWGER_SIP_PORT:-5060}.")
    String port() default "5060";

    @AttributeDefinition(description = "Host written as Via sent-by of requests sent from this listener (a public IP or a DNS name); "
            + "empty = the bound address, or for a wildcard bind the local address that routes to the destination.")
    String advertisedHost() default "";

    @AttributeDefinition(description = "Port written as Via sent-by; 0 = the bound port.")
    int advertisedPort() default 0;
}
