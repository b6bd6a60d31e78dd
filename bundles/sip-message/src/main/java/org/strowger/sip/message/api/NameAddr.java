package org.strowger.sip.message.api;

import java.util.Map;
import org.strowger.sip.message.internal.AddressParser;
import org.strowger.sip.message.internal.Params;

/**
 * A name-addr or addr-spec with header parameters (RFC 3261 §20.10, §20.20, §20.39, §25.1): the value
 * of From, To, Contact, Route, Record-Route, Refer-To, Reply-To. Immutable. Parameter values are as
 * on the wire (a quoted value keeps its quotes).
 */
public final class NameAddr {
    private final String displayName;
    private final Uri uri;
    private final Map<String, String> params;

    /**
     * @param displayName display name without quotes or escapes, or null
     * @param params      header parameters (tag, expires, q, ...; null value = flag), may be null
     */
    public NameAddr(String displayName, Uri uri, Map<String, String> params) {
        if (uri == null) {
            throw new IllegalArgumentException("uri must not be null");
        }
        this.displayName = displayName;
        this.uri = uri;
        this.params = Params.freeze(params);
    }

    public static NameAddr of(Uri uri) {
        return new NameAddr(null, uri, null);
    }

    /** Parses a name-addr or addr-spec with parameters. @throws MalformedHeaderException when malformed */
    public static NameAddr parse(String value) {
        return AddressParser.parse(value, "address");
    }

    /** Display name (unquoted, quoted-pairs resolved), or null. */
    public String displayName() {
        return displayName;
    }

    public Uri uri() {
        return uri;
    }

    /** The tag parameter (RFC 3261 §19.3), or null. */
    public String tag() {
        return param("tag");
    }

    public String param(String name) {
        return Params.get(params, name);
    }

    public boolean hasParam(String name) {
        return Params.has(params, name);
    }

    public Map<String, String> params() {
        return params;
    }

    /** The Contact expires parameter in seconds (RFC 3261 §20.10), or null when absent or not a number. */
    public Long expires() {
        String v = param("expires");
        if (v == null || v.isEmpty() || v.length() > 18) {
            return null;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return null;
            }
        }
        return Long.parseLong(v);
    }

    /** The Contact q parameter (0 to 1, RFC 3261 §20.10), or null when absent or malformed. */
    public Float q() {
        String v = param("q");
        if (v == null || v.isEmpty() || v.length() > 5) {
            return null;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return null;
            }
        }
        try {
            float f = Float.parseFloat(v);
            return f >= 0f && f <= 1f ? f : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public NameAddr withParam(String name, String valueOrNull) {
        return new NameAddr(displayName, uri, Params.with(params, name, valueOrNull));
    }

    /** A copy without the parameter {@code name} (case-insensitive); this one if it has none. */
    public NameAddr withoutParam(String name) {
        return hasParam(name) ? new NameAddr(displayName, uri, Params.without(params, name)) : this;
    }

    /** A copy with {@code tag} set, or without a tag when {@code tag} is {@code null}. */
    public NameAddr withTag(String tag) {
        if (tag == null) {
            return withoutParam("tag");
        }
        return withParam("tag", tag);
    }

    /** Wire form; always name-addr ({@code "Name" <uri>;params}) so URI parameters stay unambiguous. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(64);
        if (displayName != null) {
            b.append('"');
            for (int i = 0; i < displayName.length(); i++) {
                char c = displayName.charAt(i);
                if (c == '"' || c == '\\') {
                    b.append('\\');
                }
                b.append(c);
            }
            b.append("\" ");
        }
        b.append('<').append(uri).append('>');
        Params.format(b, params);
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NameAddr other && other.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
