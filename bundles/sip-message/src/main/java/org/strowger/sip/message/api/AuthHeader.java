package org.strowger.sip.message.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A challenge or credentials (RFC 3261 §20.27 Proxy-Authenticate, §20.28 Proxy-Authorization,
 * §20.7 Authorization, §20.44 WWW-Authenticate; §25.1 challenge / credentials): an auth scheme and
 * auth-params. Parameter names are lower-cased, quoted values are unquoted and unescaped; the set
 * of which values were quoted is kept so {@link #toString()} reproduces them.
 */
public final class AuthHeader {
    private final String scheme;
    private final Map<String, String> params;
    private final java.util.Set<String> quoted;

    /**
     * @param params       auth-params (lower-case names, unquoted values)
     * @param quotedParams names whose values are written as quoted strings
     */
    public AuthHeader(String scheme, Map<String, String> params, java.util.Set<String> quotedParams) {
        this.scheme = scheme;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        this.quoted = java.util.Set.copyOf(quotedParams);
    }

    /** Parses one header value. @throws MalformedHeaderException when malformed */
    public static AuthHeader parse(String value) {
        return org.strowger.sip.message.internal.HeaderValues.auth(value, "Authorization");
    }

    /** The scheme as written ("Digest"); compare case-insensitively. */
    public String scheme() {
        return scheme;
    }

    public boolean isDigest() {
        return "Digest".equalsIgnoreCase(scheme);
    }

    /** The unquoted value of an auth-param (case-insensitive name), or null. */
    public String param(String name) {
        return params.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public Map<String, String> params() {
        return params;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(scheme);
        char sep = ' ';
        for (Map.Entry<String, String> e : params.entrySet()) {
            b.append(sep).append(e.getKey()).append('=');
            if (quoted.contains(e.getKey())) {
                b.append('"');
                String v = e.getValue();
                for (int i = 0; i < v.length(); i++) {
                    char c = v.charAt(i);
                    if (c == '"' || c == '\\') {
                        b.append('\\');
                    }
                    b.append(c);
                }
                b.append('"');
            } else {
                b.append(e.getValue());
            }
            sep = ',';
        }
        return b.toString();
    }
}
