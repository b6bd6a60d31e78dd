package org.strowger.sip.transport.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP address literals without ever asking DNS (safe on I/O threads). */
final class IpLiterals {

    private IpLiterals() {
    }

    /**
     * The address of an IPv4 dotted quad or an IPv6 literal (with or without brackets), or null if
     * {@code text} is not one (for example a host name). An IPv6 zone ({@code %eth0}) is dropped: resolving
     * a zone name would be a system call, and a Via carries none (RFC 5118).
     */
    static InetAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String s = text.length() > 1 && text.charAt(0) == '[' && text.charAt(text.length() - 1) == ']'
                ? text.substring(1, text.length() - 1) : text;
        int zone = s.indexOf('%');
        if (zone >= 0 && s.indexOf(':') >= 0) {
            s = s.substring(0, zone);
        }
        if (s.indexOf(':') >= 0) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                    return null;
                }
            }
        } else if (!isDottedQuad(s)) {
            return null;
        }
        try {
            return InetAddress.getByName(s); // a literal: parsed, never resolved
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    /** The text of an address as used in Via {@code received} and {@code maddr}: IPv6 without brackets or zone. */
    static String toText(InetAddress address) {
        String s = address.getHostAddress();
        int zone = s.indexOf('%');
        return zone >= 0 ? s.substring(0, zone) : s;
    }

    private static boolean isDottedQuad(String s) {
        int parts = 0;
        int digits = 0;
        int value = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return false;
                }
            } else if (c == '.' && digits > 0) {
                parts++;
                digits = 0;
                value = 0;
            } else {
                return false;
            }
        }
        return parts == 3 && digits > 0;
    }
}
