package org.strowger.sip.dialog.internal;

import java.util.Arrays;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.strowger.sip.dialog.api.CallOptions.Use;
import org.strowger.sip.message.api.MalformedHeaderException;
import org.strowger.sip.message.api.MediaType;
import org.strowger.sip.message.api.SipMethod;

/**
 * The validated user-agent configuration.
 *
 * @param identityUser    user part of our From and Contact
 * @param displayName     display name of our From, or empty
 * @param identityHost    host of our From, or empty for the advertised address
 * @param userAgent       User-Agent / Server value, or empty
 * @param checks          the §8.2 request checks
 * @param reliable        RFC 3262 use
 * @param sessionTimers   RFC 4028 policy
 * @param t1              RFC 3261 T1
 * @param t2              RFC 3261 T2
 * @param retryAfterMax   bound of the random Retry-After on 500 for overlapping requests
 * @param maxCalls        most concurrent calls
 * @param infoPackages    RFC 6086 Info Packages accepted (lower case)
 */
record UaSettings(String identityUser, String displayName, String identityHost, String userAgent, UasChecks checks,
        Use reliable, SessionTimerPolicy sessionTimers, Duration t1, Duration t2, int retryAfterMax, int maxCalls,
        List<String> infoPackages) {

    /** The option tags this implementation understands (RFC 3262, RFC 4028). */
    static final Set<String> IMPLEMENTED_EXTENSIONS = Set.of("100rel", "timer");

    static UaSettings from(UaConfig c) {
        List<String> problems = new ArrayList<>();
        Set<SipMethod> allowed = new LinkedHashSet<>();
        for (String m : c.allow()) {
            SipMethod method = SipMethod.valueOf(m.trim().toUpperCase(Locale.ROOT));
            if (!method.isKnown()) {
                problems.add("allow: unknown method " + m);
            }
            allowed.add(method);
        }
        for (SipMethod mandatory : List.of(SipMethod.INVITE, SipMethod.ACK, SipMethod.CANCEL, SipMethod.BYE)) {
            if (!allowed.contains(mandatory)) {
                problems.add("allow must contain " + mandatory + " (a UA that takes calls cannot refuse it)");
            }
        }
        List<MediaType> accepted = new ArrayList<>();
        for (String a : c.accept()) {
            try {
                accepted.add(MediaType.parse(a.trim()));
            } catch (MalformedHeaderException e) {
                problems.add("accept: not a media type: " + a);
            }
        }
        Use reliable = use("reliableProvisionals", c.reliableProvisionals(), problems);
        Use timers = use("sessionTimer", c.sessionTimer(), problems);
        if (c.minSE() < 90) {
            problems.add("minSE must be at least 90 s (RFC 4028 §4), is " + c.minSE());
        }
        if (c.sessionExpires() < c.minSE()) {
            problems.add("sessionExpires (" + c.sessionExpires() + ") must not be below minSE (" + c.minSE() + ")");
        }
        if (c.t1() < 1 || c.t2() < c.t1()) {
            problems.add("need 0 < t1 <= t2, got t1=" + c.t1() + " t2=" + c.t2());
        }
        if (c.maxBodySize() < 1) {
            problems.add("maxBodySize must be positive");
        }
        if (c.retryAfterMax() < 1) {
            problems.add("retryAfterMax must be at least 1");
        }
        if (c.maxCalls() < 1) {
            problems.add("maxCalls must be positive");
        }
        if (c.identityUser().isBlank()) {
            problems.add("identityUser must not be empty");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid configuration " + UaConfig.PID + ": " + String.join("; ", problems));
        }
        Set<String> supported = new LinkedHashSet<>();
        if (reliable != Use.OFF) {
            supported.add("100rel");
        }
        if (timers != Use.OFF) {
            supported.add("timer");
        }
        UasChecks checks = new UasChecks(Set.copyOf(allowed), Set.copyOf(supported), List.copyOf(accepted),
                c.maxBodySize());
        return new UaSettings(c.identityUser().trim(), c.displayName().trim(), c.identityHost().trim(),
                c.userAgent().trim(), checks, reliable,
                new SessionTimerPolicy(timers, Duration.ofSeconds(c.sessionExpires()), Duration.ofSeconds(c.minSE())),
                Duration.ofMillis(c.t1()), Duration.ofMillis(c.t2()), c.retryAfterMax(), c.maxCalls(),
                Arrays.stream(c.infoPackages()).map(String::trim).filter(x -> !x.isEmpty())
                        .map(x -> x.toLowerCase(Locale.ROOT)).toList());
    }

    private static Use use(String name, String value, List<String> problems) {
        try {
            return Use.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(name + " must be OFF, SUPPORTED or REQUIRED, is " + value);
            return Use.OFF;
        }
    }

    /** The Allow header value (§20.5). */
    String allowHeader() {
        return checks.allowHeader();
    }

    /** The Supported header value, or empty. */
    String supportedHeader() {
        return String.join(", ", checks.supportedOptionTags().stream().sorted().toList());
    }

    /** The Accept header value (§20.1). */
    String acceptHeader() {
        return checks.acceptHeader();
    }
}
