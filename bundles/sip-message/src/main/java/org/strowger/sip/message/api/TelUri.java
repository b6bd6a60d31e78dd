package org.strowger.sip.message.api;

import java.util.Map;
import org.strowger.sip.message.internal.Params;

/** A tel URI (RFC 3966): a global ("+...") or local number with parameters. */
public final class TelUri implements Uri {
    private final String number;
    private final Map<String, String> params;

    public TelUri(String number, Map<String, String> params) {
        this.number = number;
        this.params = Params.freeze(params);
    }

    @Override
    public String scheme() {
        return "tel";
    }

    /** The number as written, with visual separators. */
    public String number() {
        return number;
    }

    /** True for a global number (starts with '+'). */
    public boolean isGlobal() {
        return number.startsWith("+");
    }

    public String param(String name) {
        return Params.get(params, name);
    }

    public Map<String, String> params() {
        return params;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("tel:").append(number);
        Params.format(b, params);
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TelUri other && other.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
