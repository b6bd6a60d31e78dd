package org.strowger.sip.message.internal;

import java.util.Locale;
import java.util.Set;

/**
 * Known header names: canonical long forms, compact forms (RFC 3261 §7.3.3 and the extensions
 * that define one), and which headers are not comma-separated lists (RFC 3261 §7.3.1: the auth
 * headers and single-valued fields such as Date contain commas that do not separate values).
 * The byte lookup used by the parser allocates nothing for a known name.
 */
public final class HeaderTable {
    private static final String[] KNOWN = {
        "Accept", "Accept-Contact", "Accept-Encoding", "Accept-Language", "Alert-Info", "Allow", "Allow-Events",
        "Authentication-Info", "Authorization", "Call-ID", "Call-Info", "Contact", "Content-Disposition",
        "Content-Encoding", "Content-Language", "Content-Length", "Content-Type", "CSeq", "Date", "Error-Info",
        "Event", "Expires", "From", "Identity", "Identity-Info", "In-Reply-To", "Max-Forwards", "Min-Expires",
        "Min-SE", "MIME-Version", "Organization", "P-Asserted-Identity", "P-Preferred-Identity", "Path",
        "Priority", "Privacy", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Require", "RAck", "Reason",
        "Record-Route", "Refer-To", "Referred-By", "Reject-Contact", "Replaces", "Reply-To",
        "Request-Disposition", "Require", "Retry-After", "Route", "RSeq", "Server", "Service-Route",
        "Session-Expires", "SIP-ETag", "SIP-If-Match", "Subject", "Subscription-State", "Supported",
        "Timestamp", "To", "Unsupported", "User-Agent", "Via", "Warning", "WWW-Authenticate",
    };

    private static final String[] COMPACT = new String[128];
    private static final int SIZE = 512;
    private static final String[] TABLE = new String[SIZE];

    private static final Set<String> NOT_LISTS = Set.of(
            "Authorization", "Proxy-Authorization", "WWW-Authenticate", "Proxy-Authenticate", "Authentication-Info",
            "Date", "Call-ID", "CSeq", "Subject", "User-Agent", "Server", "Organization", "Retry-After", "Timestamp",
            "From", "To", "Content-Length", "Content-Type", "Max-Forwards", "Expires", "Min-Expires", "Min-SE",
            "MIME-Version", "Priority", "Reply-To", "Session-Expires", "RSeq", "RAck", "Event", "Refer-To",
            "Replaces", "Referred-By", "Content-Disposition", "Subscription-State", "Identity", "Identity-Info",
            "SIP-ETag", "SIP-If-Match");

    static {
        compact('a', "Accept-Contact");
        compact('b', "Referred-By");
        compact('c', "Content-Type");
        compact('d', "Request-Disposition");
        compact('e', "Content-Encoding");
        compact('f', "From");
        compact('i', "Call-ID");
        compact('j', "Reject-Contact");
        compact('k', "Supported");
        compact('l', "Content-Length");
        compact('m', "Contact");
        compact('n', "Identity-Info");
        compact('o', "Event");
        compact('r', "Refer-To");
        compact('s', "Subject");
        compact('t', "To");
        compact('u', "Allow-Events");
        compact('v', "Via");
        compact('x', "Session-Expires");
        compact('y', "Identity");
        for (String name : KNOWN) {
            int slot = hash(name) & (SIZE - 1);
            while (TABLE[slot] != null) {
                slot = (slot + 1) & (SIZE - 1);
            }
            TABLE[slot] = name;
        }
    }

    private HeaderTable() {
    }

    private static void compact(char c, String name) {
        COMPACT[c] = name;
        COMPACT[Character.toUpperCase(c)] = name;
    }

    private static int hash(String name) {
        int h = 0;
        for (int i = 0; i < name.length(); i++) {
            h = h * 31 + (name.charAt(i) | 0x20);
        }
        return h ^ (h >>> 9);
    }

    /** The canonical name of a known header (long or compact form, any case), or null. */
    public static String lookup(byte[] b, int off, int len) {
        if (len == 1) {
            int c = b[off];
            return c > 0 ? COMPACT[c] : null;
        }
        int h = 0;
        for (int i = 0; i < len; i++) {
            h = h * 31 + (b[off + i] | 0x20);
        }
        int slot = (h ^ (h >>> 9)) & (SIZE - 1);
        for (int probes = 0; probes < SIZE; probes++) {
            String candidate = TABLE[slot];
            if (candidate == null) {
                return null;
            }
            if (candidate.length() == len && equalsIgnoreCase(candidate, b, off)) {
                return candidate;
            }
            slot = (slot + 1) & (SIZE - 1);
        }
        return null;
    }

    private static boolean equalsIgnoreCase(String s, byte[] b, int off) {
        for (int i = 0; i < s.length(); i++) {
            int x = s.charAt(i);
            int y = b[off + i];
            if (x != y && (x | 0x20) != (y | 0x20)) {
                return false;
            }
            if (x != y && !Chars.isAlpha(x)) {
                return false;
            }
        }
        return true;
    }

    /** The canonical name for any spelling (long or compact, any case); unknown names unchanged. */
    public static String canonical(String name) {
        if (name.length() == 1) {
            char c = name.charAt(0);
            String compact = c < 128 ? COMPACT[c] : null;
            return compact != null ? compact : name;
        }
        int slot = hash(name) & (SIZE - 1);
        for (int probes = 0; probes < SIZE; probes++) {
            String candidate = TABLE[slot];
            if (candidate == null) {
                return name;
            }
            if (candidate.equalsIgnoreCase(name)) {
                return candidate;
            }
            slot = (slot + 1) & (SIZE - 1);
        }
        return name;
    }

    /** True when values of this (canonical) header may be split at commas. */
    public static boolean isList(String canonicalName) {
        return !NOT_LISTS.contains(canonicalName);
    }

    public static String lowerCase(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
