package org.strowger.sip.message.internal;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parameter lists (";name=value" RFC 3261 §25.1 generic-param and uri-parameter): parsing into an
 * insertion-ordered map (a flag parameter maps to null), case-insensitive lookup and formatting.
 */
public final class Params {
    private Params() {
    }

    /** Case-insensitive lookup (parameter names are case-insensitive, RFC 3261 §7.3.1, §19.1.4). */
    public static String get(Map<String, String> params, String name) {
        if (params.isEmpty()) {
            return null;
        }
        String direct = params.get(name);
        if (direct != null) {
            return direct;
        }
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    public static boolean has(Map<String, String> params, String name) {
        for (String key : params.keySet()) {
            if (key.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** A copy with {@code name} set (replacing any case variant) to {@code value} (null = flag). */
    public static Map<String, String> with(Map<String, String> params, String name, String value) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        boolean replaced = false;
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                if (!replaced) {
                    copy.put(name, value);
                    replaced = true;
                }
            } else {
                copy.put(e.getKey(), e.getValue());
            }
        }
        if (!replaced) {
            copy.put(name, value);
        }
        return new Frozen(copy);
    }

    /** A copy without {@code name}. */
    public static Map<String, String> without(Map<String, String> params, String name) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!e.getKey().equalsIgnoreCase(name)) {
                copy.put(e.getKey(), e.getValue());
            }
        }
        return new Frozen(copy);
    }

    /** An immutable insertion-ordered copy; maps this class already froze are returned as they are. */
    public static Map<String, String> freeze(Map<String, String> params) {
        if (params == null || params.isEmpty()) {
            return Collections.emptyMap();
        }
        if (params instanceof Frozen) {
            return params;
        }
        return new Frozen(new LinkedHashMap<>(params));
    }

    /** Wraps a map the caller built and will not touch again, without copying. */
    public static Map<String, String> own(LinkedHashMap<String, String> params) {
        return params.isEmpty() ? Collections.emptyMap() : new Frozen(params);
    }

    /** Read-only, insertion-ordered; owns its backing map, so it can be shared without copying. */
    private static final class Frozen extends AbstractMap<String, String> {
        private final LinkedHashMap<String, String> map;
        private Set<Entry<String, String>> entries;

        Frozen(LinkedHashMap<String, String> map) {
            this.map = map;
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            Set<Entry<String, String>> e = entries;
            if (e == null) {
                e = Collections.unmodifiableMap(map).entrySet();
                entries = e;
            }
            return e;
        }

        @Override
        public String get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }
    }

    public static void format(StringBuilder out, Map<String, String> params) {
        for (Map.Entry<String, String> e : params.entrySet()) {
            out.append(';').append(e.getKey());
            if (e.getValue() != null) {
                out.append('=').append(e.getValue());
            }
        }
    }

    /**
     * Parses {@code *( SEMI generic-param )} where generic-param = token [ EQUAL gen-value ] and
     * gen-value = token / host / quoted-string (quoted values kept with their quotes). Stops at
     * the first character that does not start a parameter (COMMA or end). In lenient mode a
     * malformed parameter ends the list instead of failing.
     */
    public static Map<String, String> parseGeneric(Lexer lx, boolean lenient) {
        LinkedHashMap<String, String> params = null;
        while (true) {
            int save = lx.pos();
            if (!lx.consume(';')) {
                break;
            }
            String name = lx.optionalToken();
            if (name == null) {
                if (lenient) {
                    lx.pos(save);
                    break;
                }
                throw lx.fail("empty parameter name");
            }
            String value = null;
            if (lx.consume('=')) {
                if (lx.peek() == '"') {
                    value = lx.rawQuotedString();
                } else {
                    value = genValue(lx);
                    if (value == null) {
                        if (lenient) {
                            lx.pos(save);
                            break;
                        }
                        throw lx.fail("empty value of parameter " + safe(name));
                    }
                }
            }
            if (params == null) {
                params = new LinkedHashMap<>(4);
            }
            params.put(name, value);
        }
        return params == null ? Collections.emptyMap() : new Frozen(params);
    }

    private static String genValue(Lexer lx) {
        String s = lx.source();
        int start = lx.pos();
        int p = start;
        int end = lx.end();
        while (p < end) {
            char c = s.charAt(p);
            if (Chars.isToken(c) || c == ':' || c == '[' || c == ']') {
                p++;
            } else {
                break;
            }
        }
        if (p == start) {
            return null;
        }
        lx.pos(p);
        return s.substring(start, p);
    }

    /** Truncates and sanitizes a name for use in a reason phrase. */
    public static String safe(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
