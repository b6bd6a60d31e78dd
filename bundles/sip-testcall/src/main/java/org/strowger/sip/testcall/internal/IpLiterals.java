package org.strowger.sip.testcall.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Recognises IP address literals without ever asking DNS. */
final class IpLiterals {

    private IpLiterals() {
    }

    /** A dotted-quad IPv4 address or an IPv6 address without brackets or zone (RFC 4291 §2.2). */
    static boolean isIpLiteral(String s) {
        return isIpv4(s) || isIpv6(s);
    }

    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String s) {
        if (s.indexOf(':') < 0 || s.length() > 45
                || !s.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            return false;
        }
        try {
            // With a ':' and only hex digits, dots and colons, the JDK parses a literal and never resolves.
            InetAddress.getByName(s);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
