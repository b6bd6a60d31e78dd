package org.strowger.sip.dialog.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.strowger.sip.message.api.SipHeader;

/**
 * How an outgoing call is placed.
 *
 * @param reliableProvisionals RFC 3262 use: {@link Use#OFF} (no 100rel), {@link Use#SUPPORTED}
 *                             (Supported: 100rel, the default) or {@link Use#REQUIRED} (Require: 100rel)
 * @param sessionTimer         RFC 4028 use: {@code OFF}, {@code SUPPORTED} (Supported: timer and a
 *                             Session-Expires request, the default) or {@code REQUIRED}
 * @param sessionExpires       the Session-Expires asked for (RFC 4028 §7.1); default 1800 s
 * @param extraHeaders         headers added to the INVITE as they are (e.g. P-Asserted-Identity)
 */
public record CallOptions(Use reliableProvisionals, Use sessionTimer, Duration sessionExpires,
        List<SipHeader> extraHeaders) {

    /** Whether an extension is off, offered (Supported) or insisted on (Require). */
    public enum Use {
        OFF,
        SUPPORTED,
        REQUIRED
    }

    public static final CallOptions DEFAULTS =
            new CallOptions(Use.SUPPORTED, Use.SUPPORTED, Duration.ofSeconds(1800), List.of());

    public CallOptions {
        Objects.requireNonNull(reliableProvisionals, "reliableProvisionals");
        Objects.requireNonNull(sessionTimer, "sessionTimer");
        Objects.requireNonNull(sessionExpires, "sessionExpires");
        if (sessionExpires.toSeconds() < 90) {
            throw new IllegalArgumentException("sessionExpires below 90 s (RFC 4028 §4): " + sessionExpires);
        }
        extraHeaders = List.copyOf(extraHeaders);
    }

    public CallOptions withReliableProvisionals(Use use) {
        return new CallOptions(use, sessionTimer, sessionExpires, extraHeaders);
    }

    public CallOptions withSessionTimer(Use use, Duration expires) {
        return new CallOptions(reliableProvisionals, use, expires, extraHeaders);
    }

    public CallOptions withExtraHeaders(List<SipHeader> headers) {
        return new CallOptions(reliableProvisionals, sessionTimer, sessionExpires, headers);
    }
}
