package org.strowger.sip.transaction.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.strowger.sip.dns.api.SipTarget;
import org.strowger.sip.dns.api.TargetTransport;
import org.strowger.sip.message.api.NameAddr;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipUri;
import org.strowger.sip.message.api.Uri;
import org.strowger.sip.transport.api.Transport;

/**
 * Where a request goes next, RFC 3261 §8.1.2: the first Route URI when it has {@code lr} (loose
 * routing), else the Request-URI (the UA core has already rewritten a request for a strict router,
 * §12.2.1.1). And which RFC 3263 targets this layer can use: the transports the transport layer has.
 */
final class NextHop {

    /** What the resolver is asked for (RFC 3263 §4.1: "only those the client supports"). */
    static final Set<TargetTransport> SUPPORTED = EnumSet.of(TargetTransport.UDP, TargetTransport.TCP);

    /** A usable target: where and over which transport. */
    record Target(java.net.InetSocketAddress address, Transport transport, String description) {
    }

    private NextHop() {
    }

    /**
     * The URI to resolve.
     *
     * @throws IllegalArgumentException when it is not a SIP URI (tel:, a malformed Route …)
     */
    static SipUri of(SipRequest request) {
        List<NameAddr> routes = request.routes();
        if (!routes.isEmpty() && routes.get(0).uri() instanceof SipUri top && top.isLooseRouting()) {
            return top;
        }
        Uri uri = request.requestUri();
        if (uri instanceof SipUri sip) {
            return sip;
        }
        throw new IllegalArgumentException("no SIP URI to route " + uri + " to");
    }

    /** The resolved targets this layer can send to, in order. */
    static List<Target> usable(List<SipTarget> targets) {
        List<Target> out = new ArrayList<>(targets.size());
        for (SipTarget t : targets) {
            transportOf(t.transport()).ifPresent(tr -> out.add(new Target(t.address(), tr, t.toString())));
        }
        return out;
    }

    static Optional<Transport> transportOf(TargetTransport t) {
        return switch (t) {
            case UDP -> Optional.of(Transport.UDP);
            case TCP -> Optional.of(Transport.TCP);
            default -> Optional.empty();
        };
    }
}
