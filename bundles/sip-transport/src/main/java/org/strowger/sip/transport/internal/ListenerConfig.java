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

    @AttributeDefinition(description = "UDP only: sockets bound to the same address with SO_REUSEPORT, each read by its own "
            + "I/O thread (native epoll only; 1 otherwise). The kernel spreads peers over them by source address and port, "
            + "so one peer's datagrams stay in order on one socket. 0 = one per I/O thread (ioThreads).")
    int udpReaders() default 0;

    @AttributeDefinition(description = "UDP only: SO_RCVBUF of each socket in bytes (0 = the kernel default, net.core.rmem_default). "
            + "Linux grants at most net.core.rmem_max (raise it with sysctl); the granted size is logged at INFO.")
    int udpReceiveBuffer() default UdpOptions.DEFAULT_RECEIVE_BUFFER;

    @AttributeDefinition(description = "UDP only: SO_SNDBUF of each socket in bytes (0 = the kernel default, net.core.wmem_default; "
            + "capped by net.core.wmem_max).")
    int udpSendBuffer() default 0;
}
