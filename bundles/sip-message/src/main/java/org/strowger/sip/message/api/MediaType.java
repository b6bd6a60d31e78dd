package org.strowger.sip.message.api;

import java.util.Locale;
import java.util.Map;
import org.strowger.sip.message.internal.Params;

/**
 * A media type with parameters: Content-Type (RFC 3261 §20.15) and Accept (§20.1) values.
 * Type and subtype are compared case-insensitively; parameter values keep their wire form.
 */
public final class MediaType {
    private final String type;
    private final String subtype;
    private final Map<String, String> params;

    public MediaType(String type, String subtype, Map<String, String> params) {
        this.type = type;
        this.subtype = subtype;
        this.params = Params.freeze(params);
    }

    /** Parses "type/subtype;param=value". @throws MalformedHeaderException when malformed */
    public static MediaType parse(String value) {
        return org.strowger.sip.message.internal.HeaderValues.mediaType(value, "Content-Type");
    }

    /** Lower-case type ("application"), or "*". */
    public String type() {
        return type.toLowerCase(Locale.ROOT);
    }

    /** Lower-case subtype ("sdp"), or "*". */
    public String subtype() {
        return subtype.toLowerCase(Locale.ROOT);
    }

    /** "type/subtype" in lower case, without parameters. */
    public String mimeType() {
        return type() + "/" + subtype();
    }

    /** A parameter (case-insensitive name); quoted values are returned without quotes. */
    public String param(String name) {
        String v = Params.get(params, name);
        if (v != null && v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return v;
    }

    public Map<String, String> params() {
        return params;
    }

    /** True when this (possibly a wildcard from Accept) matches the concrete type. */
    public boolean matches(MediaType concrete) {
        return ("*".equals(type) || type().equals(concrete.type()))
                && ("*".equals(subtype) || subtype().equals(concrete.subtype()));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(type).append('/').append(subtype);
        Params.format(b, params);
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaType other && other.toString().equalsIgnoreCase(toString());
    }

    @Override
    public int hashCode() {
        return toString().toLowerCase(Locale.ROOT).hashCode();
    }
}
