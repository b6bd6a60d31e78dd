package org.strowger.sip.transport.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the shared transport manager, PID {@code org.strowger.sip.transport}. */
@ObjectClassDefinition(name = "Strowger SIP transport",
        description = "Limits and timeouts shared by all SIP listeners and connections (RFC 3261 §18).")
public @interface TransportConfig {

    String PID = "org.strowger.sip.transport";

    @AttributeDefinition(description = "Largest SIP message accepted or sent over a stream, in bytes (header section plus body). "
            + "Larger requests get 513 and the connection is closed. UDP is limited to 65507 bytes anyway.")
    int maxMessageSize() default 65535;

    @AttributeDefinition(description = "Largest body in bytes; a larger one gets 413 Request Entity Too Large.")
    int maxBodySize() default 65535;

    @AttributeDefinition(description = "Most header fields in one message; more gets 400.")
    int maxHeaderCount() default 256;

    @AttributeDefinition(description = "Longest header line in bytes (after unfolding); longer gets 400.")
    int maxLineLength() default 8192;

    @AttributeDefinition(description = "I/O threads shared by all listeners; 0 = one per CPU core.")
    int ioThreads() default 0;

    @AttributeDefinition(description = "Seconds a TCP connection may stay without traffic in either direction before it is closed. "
            + "Clients keep their flows open with CRLF keep-alives (RFC 5626 §4.4.1, typically every 95-120 s).")
    int tcpIdleTimeout() default 300;

    @AttributeDefinition(description = "Seconds a TCP message may take to arrive once its first byte is in, however the bytes trickle "
            + "(the idle timeout restarts with every byte, this one does not). Then the connection is closed and counted as "
            + "message_timeouts. Guards against slow senders holding maxMessageSize bytes per connection (slowloris).")
    int tcpMessageTimeout() default 10;

    @AttributeDefinition(description = "Seconds between two readings of this machine's network addresses, used to recognise "
            + "our own Via sent-by in responses on listeners bound to 0.0.0.0 or :: (RFC 3261 §18.1.2).")
    int localAddressRefresh() default 30;

    @AttributeDefinition(description = "Milliseconds to wait for an outbound TCP connection to be established.")
    int tcpConnectTimeout() default 5000;

    @AttributeDefinition(description = "Most open TCP connections in total (inbound and outbound); excess ones are closed at once. "
            + "Each may buffer up to maxMessageSize bytes of an incomplete message: the worst case is maxConnections x "
            + "maxMessageSize of (direct) memory, 128 MiB with the defaults.")
    int maxConnections() default 2048;

    @AttributeDefinition(description = "Most open inbound TCP connections from one source IP address; excess ones are closed at once.")
    int maxConnectionsPerSource() default 64;

    @AttributeDefinition(description = "Most bytes queued for sending on one TCP connection; a message that would exceed it is not sent.")
    int maxPendingBytesPerConnection() default 1048576;

    @AttributeDefinition(description = "Enable TCP SO_KEEPALIVE on connections (detects dead peers between SIP keep-alives).")
    boolean tcpKeepAlive() default true;

    @AttributeDefinition(description = "Answer requests with 503 Service Unavailable while no SIP message handler (upper layer) is registered; "
            + "false drops them silently.")
    boolean rejectWithoutHandler() default true;

    @AttributeDefinition(description = "Milliseconds to wait for the I/O threads to stop when the transport is stopped.")
    int shutdownTimeout() default 2000;
}
