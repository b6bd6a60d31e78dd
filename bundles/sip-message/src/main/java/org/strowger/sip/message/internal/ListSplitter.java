package org.strowger.sip.message.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a header value at the commas that separate list elements (RFC 3261 §7.3.1), never
 * inside a quoted string (honouring quoted-pairs) or inside &lt;...&gt;. Elements are trimmed.
 */
public final class ListSplitter {
    private ListSplitter() {
    }

    /** All elements; empty elements are kept (as "") so validators can reject them. */
    public static List<String> split(String value) {
        if (value.indexOf(',') < 0) {
            return List.of(value.trim());
        }
        List<String> out = new ArrayList<>(2);
        boolean quoted = false;
        boolean angle = false;
        int start = 0;
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                angle = true;
            } else if (c == '>') {
                angle = false;
            } else if (c == ',' && !angle) {
                out.add(value.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(value.substring(start).trim());
        return out;
    }

    /** True when the value holds a top-level comma (cheap check before splitting). */
    public static boolean hasListComma(String value) {
        return value.indexOf(',') >= 0 && split(value).size() > 1;
    }
}
