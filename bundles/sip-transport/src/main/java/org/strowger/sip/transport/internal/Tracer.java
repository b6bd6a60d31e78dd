package org.strowger.sip.transport.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strowger.sip.message.api.SipMessage;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.SipTrace;
import org.strowger.sip.transport.api.TraceFilter;

/** {@link SipTrace}: logs matching messages in and out at INFO on {@value SipTrace#LOGGER}. */
final class Tracer implements SipTrace {

    private static final Logger TRACE = LoggerFactory.getLogger(SipTrace.LOGGER);
    private static final Logger LOG = LoggerFactory.getLogger(Tracer.class);

    /** A filter with its address parsed once. */
    private record Active(TraceFilter filter, InetAddress ip, int port) {
    }

    private volatile Active active;

    @Override
    public void enable(TraceFilter filter) {
        TraceFilter f = filter == null ? TraceFilter.ALL : filter;
        InetAddress ip = null;
        int port = -1;
        if (f.address() != null) {
            String a = f.address();
            String host = a;
            int colon = a.lastIndexOf(':');
            boolean bracketed = a.startsWith("[");
            if (bracketed && a.contains("]:") || !bracketed && colon > 0 && a.indexOf(':') == colon) {
                host = a.substring(0, colon);
                try {
                    port = Integer.parseInt(a.substring(colon + 1));
                } catch (NumberFormatException e) {
                    port = -2;
                }
            }
            ip = IpLiterals.parse(host);
            if (ip == null || port < -1 || port > 65535) {
                throw new IllegalArgumentException("trace address '" + a + "' is not an IP address or IP:port");
            }
        }
        active = new Active(f, ip, port);
        LOG.info("sip trace on: {}", f);
    }

    @Override
    public void disable() {
        if (active != null) {
            active = null;
            LOG.info("sip trace off");
        }
    }

    @Override
    public Optional<TraceFilter> current() {
        Active a = active;
        return a == null ? Optional.empty() : Optional.of(a.filter());
    }

    boolean isOn() {
        return active != null;
    }

    void received(SipMessage message, Flow flow) {
        log("IN", message, flow);
    }

    void sent(SipMessage message, Flow flow) {
        log("OUT", message, flow);
    }

    /**
     * A message sent as {@code bytes} (what went on the wire). {@code method} was taken from the message
     * when it was encoded, on its owner's thread ({@link #methodOf}); this runs on an I/O thread and must
     * not read the message, which its owner may be editing by now. Null means unknown: traced only
     * without a method filter.
     */
    void sent(String method, byte[] bytes, Flow flow) {
        Active a = active;
        if (a == null || !matchesAddress(a, flow.remote())
                || a.filter().method() != null && !a.filter().method().equalsIgnoreCase(method)) {
            return;
        }
        TRACE.info("OUT {} {} -> {} conn={} {} bytes:\n{}", flow.transport(), Flow.format(flow.local()),
                Flow.format(flow.remote()), flow.connectionId(), bytes.length, new String(bytes, StandardCharsets.UTF_8));
    }

    /** Input that could not be parsed: traced when the filter has no method (nothing to match a method on). */
    void unparsed(byte[] bytes, int length, Flow flow, String problem) {
        Active a = active;
        if (a == null || a.filter().method() != null || !matchesAddress(a, flow.remote())) {
            return;
        }
        TRACE.info("IN {} {} <- {} conn={} {} bytes, unparseable ({}):\n{}", flow.transport(), Flow.format(flow.local()),
                Flow.format(flow.remote()), flow.connectionId(), length, problem,
                new String(bytes, 0, length, StandardCharsets.UTF_8));
    }

    private void log(String direction, SipMessage message, Flow flow) {
        Active a = active;
        if (a == null || !matchesAddress(a, flow.remote()) || !matchesMethod(a.filter(), message)) {
            return;
        }
        try {
            byte[] bytes = message.encode();
            TRACE.info("{} {} {} {} {} conn={} {} bytes:\n{}", direction, flow.transport(), Flow.format(flow.local()),
                    "IN".equals(direction) ? "<-" : "->", Flow.format(flow.remote()), flow.connectionId(), bytes.length,
                    new String(bytes, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            LOG.debug("trace of {} failed: {}", flow, e.toString());
        }
    }

    private static boolean matchesAddress(Active a, InetSocketAddress remote) {
        if (a.ip() == null) {
            return true;
        }
        return a.ip().equals(remote.getAddress()) && (a.port() < 0 || a.port() == remote.getPort());
    }

    static boolean matchesMethod(TraceFilter filter, SipMessage message) {
        return filter.method() == null || filter.method().equalsIgnoreCase(methodOf(message));
    }

    /** What the method filter matches: a request's method, a response's CSeq method; null if unreadable. */
    static String methodOf(SipMessage message) {
        try {
            return message instanceof SipRequest request ? request.method().name()
                    : message.cseq() == null ? null : message.cseq().method().name();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
