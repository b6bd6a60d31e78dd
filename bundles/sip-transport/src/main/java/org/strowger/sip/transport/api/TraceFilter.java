package org.strowger.sip.transport.api;

import java.util.Locale;

/**
 * Which messages {@link SipTrace} logs.
 *
 * @param address null for any; else an IP ({@code 192.0.2.1}, {@code [2001:db8::1]} or {@code 2001:db8::1})
 *                or {@code IP:port}, compared with the remote address of the message
 * @param method  null for any; else a method name matching a request's method or a response's CSeq method
 */
public record TraceFilter(String address, String method) {

    /** Everything. */
    public static final TraceFilter ALL = new TraceFilter(null, null);

    public TraceFilter {
        address = address == null || address.isBlank() ? null : address.trim();
        method = method == null || method.isBlank() ? null : method.trim().toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "address=" + (address == null ? "any" : address) + " method=" + (method == null ? "any" : method);
    }
}
