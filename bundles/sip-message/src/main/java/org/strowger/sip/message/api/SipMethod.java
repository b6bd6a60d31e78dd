package org.strowger.sip.message.api;

import java.util.Map;
import org.strowger.sip.message.internal.Chars;

/**
 * A SIP method (RFC 3261 §7.1): an open set, so a class of constants with {@link #valueOf(String)}
 * rather than an enum. Methods are case-sensitive tokens; equality is by name.
 */
public final class SipMethod {
    public static final SipMethod INVITE = new SipMethod("INVITE");
    public static final SipMethod ACK = new SipMethod("ACK");
    public static final SipMethod BYE = new SipMethod("BYE");
    public static final SipMethod CANCEL = new SipMethod("CANCEL");
    public static final SipMethod OPTIONS = new SipMethod("OPTIONS");
    public static final SipMethod REGISTER = new SipMethod("REGISTER");
    /** RFC 3262. */
    public static final SipMethod PRACK = new SipMethod("PRACK");
    /** RFC 6665. */
    public static final SipMethod SUBSCRIBE = new SipMethod("SUBSCRIBE");
    /** RFC 6665. */
    public static final SipMethod NOTIFY = new SipMethod("NOTIFY");
    /** RFC 3903. */
    public static final SipMethod PUBLISH = new SipMethod("PUBLISH");
    /** RFC 6086. */
    public static final SipMethod INFO = new SipMethod("INFO");
    /** RFC 3515. */
    public static final SipMethod REFER = new SipMethod("REFER");
    /** RFC 3428. */
    public static final SipMethod MESSAGE = new SipMethod("MESSAGE");
    /** RFC 3311. */
    public static final SipMethod UPDATE = new SipMethod("UPDATE");

    private static final Map<String, SipMethod> KNOWN = Map.ofEntries(
            Map.entry("INVITE", INVITE), Map.entry("ACK", ACK), Map.entry("BYE", BYE),
            Map.entry("CANCEL", CANCEL), Map.entry("OPTIONS", OPTIONS), Map.entry("REGISTER", REGISTER),
            Map.entry("PRACK", PRACK), Map.entry("SUBSCRIBE", SUBSCRIBE), Map.entry("NOTIFY", NOTIFY),
            Map.entry("PUBLISH", PUBLISH), Map.entry("INFO", INFO), Map.entry("REFER", REFER),
            Map.entry("MESSAGE", MESSAGE), Map.entry("UPDATE", UPDATE));

    private final String name;

    private SipMethod(String name) {
        this.name = name;
    }

    /**
     * The method with this name: a shared constant for the known methods, a new instance otherwise.
     *
     * @throws IllegalArgumentException when the name is not a token (RFC 3261 §25.1)
     */
    public static SipMethod valueOf(String token) {
        SipMethod known = KNOWN.get(token);
        if (known != null) {
            return known;
        }
        if (token == null || !Chars.isToken(token)) {
            throw new MalformedHeaderException("Bad method: not a token");
        }
        return new SipMethod(token);
    }

    /** True for the fourteen methods defined as constants here. */
    public boolean isKnown() {
        return KNOWN.containsKey(name);
    }

    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipMethod other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
