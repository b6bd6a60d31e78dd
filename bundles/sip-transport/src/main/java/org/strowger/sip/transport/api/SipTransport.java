package org.strowger.sip.transport.api;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;

/**
 * The SIP transport layer (RFC 3261 §18). All methods are non-blocking and may be called from any
 * thread; the returned stages complete on a transport I/O thread, so callers must hop to their own
 * executor before doing real work.
 */
@ProviderType
public interface SipTransport {

    /**
     * Sends a request (RFC 3261 §18.1.1).
     * <ul>
     * <li>The caller pushes its own top Via (with its branch) first. The transport owns the sent-by
     * (§18.1.1: "the client transport MUST insert a value of the sent-by field"): it rewrites the top
     * Via's transport and host:port to the listener the request leaves from, keeping its parameters.</li>
     * <li>UDP is switched to TCP when the encoded request is larger than 1300 bytes (path MTU unknown)
     * and a TCP listener exists; if the TCP connection cannot be made the request goes over UDP (the
     * datagram carries a UDP Via; the request object keeps the TCP Via of the first attempt).</li>
     * <li>The Via is rewritten and the request encoded before this method returns; after that the
     * transport never touches the request again, so the caller may reuse it at once.</li>
     * <li>TCP reuses an open connection to {@code destination} (inbound or outbound, RFC 5923 spirit),
     * else connects.</li>
     * </ul>
     *
     * @return the flow used; fails with {@link SipTransportException} if nothing could be sent
     */
    CompletionStage<Flow> sendRequest(SipRequest request, InetSocketAddress destination, Transport transport);

    /**
     * Sends a response to a request received on {@code requestFlow} (RFC 3261 §18.2.2, RFC 3581 §4):
     * over TCP on the request's connection if still open, else a new connection to {@code received}
     * (or the sent-by host) and the sent-by port; over UDP to {@code maddr} if present, else to
     * {@code received} and {@code rport} (or the sent-by port), from the socket the request arrived on.
     *
     * @return the flow used; fails with {@link SipTransportException} if nothing could be sent
     */
    CompletionStage<Flow> sendResponse(SipResponse response, Flow requestFlow);

    /**
     * The host and port this side presents to a peer at {@code destination} over {@code transport}:
     * what {@link #sendRequest} writes into the Via sent-by for it (RFC 3261 §18.1.1) — the
     * listener's advertised host, else its bound address, else (wildcard bind) the local address the
     * system routes to {@code destination}. For a Contact (§8.1.1.8) or a Record-Route URI.
     * May look the route up in the system (cached): do not call it on an I/O thread.
     *
     * @return empty when no listener of that transport can reach {@code destination}
     */
    Optional<HostPort> advertisedAddress(Transport transport, InetAddress destination);

    /** The open listeners with their counters, sorted by name. */
    List<ListenerInfo> listeners();
}
