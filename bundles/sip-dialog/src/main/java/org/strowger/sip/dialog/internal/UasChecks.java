package org.strowger.sip.dialog.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.strowger.sip.message.api.MediaType;
import org.strowger.sip.message.api.SipMethod;

/**
 * What the UAS core accepts (RFC 3261 §8.2): the methods it allows (§8.2.1), the option tags it
 * supports (§8.2.2.3), the body types it understands (§8.2.3) and the largest body it takes.
 *
 * @param allowed             methods answered normally; every other method the UA implements gets
 *                            405 with Allow. Not empty, and only methods of {@link #UA_METHODS}
 * @param supportedOptionTags option tags of Require that do not get 420 (compared case-insensitively)
 * @param accepted            media ranges a body's Content-Type must match (wildcards allowed), sent
 *                            as Accept in a 415
 * @param maxBodySize         largest body in bytes; larger gets 413 (&gt; 0)
 */
public record UasChecks(Set<SipMethod> allowed, Set<String> supportedOptionTags, List<MediaType> accepted,
        int maxBodySize) {

    /**
     * The methods a Strowger user agent implements, in the order Allow lists them. REGISTER (a
     * registrar's, RFC 3261 §10) and PUBLISH (an event state compositor's, RFC 3903) are known
     * methods but the UA core has no code for them, so it answers them 501 like an unknown method.
     */
    public static final List<SipMethod> UA_METHODS = List.of(SipMethod.INVITE, SipMethod.ACK, SipMethod.CANCEL,
            SipMethod.BYE, SipMethod.OPTIONS, SipMethod.PRACK, SipMethod.UPDATE, SipMethod.INFO, SipMethod.REFER,
            SipMethod.NOTIFY, SipMethod.SUBSCRIBE, SipMethod.MESSAGE);

    /** @throws IllegalArgumentException with a message an operator can act on */
    public UasChecks {
        if (allowed == null || allowed.isEmpty()) {
            throw new IllegalArgumentException("allowed methods must not be empty; list e.g. INVITE, ACK, CANCEL, BYE, OPTIONS");
        }
        for (SipMethod m : allowed) {
            if (!UA_METHODS.contains(m)) {
                throw new IllegalArgumentException("method " + m + " cannot be allowed: the user agent implements only "
                        + UA_METHODS);
            }
        }
        if (maxBodySize <= 0) {
            throw new IllegalArgumentException("maxBodySize must be > 0 bytes but is " + maxBodySize);
        }
        allowed = Set.copyOf(allowed);
        Set<String> tags = new TreeSet<>();
        for (String tag : supportedOptionTags == null ? Set.<String>of() : supportedOptionTags) {
            tags.add(tag.toLowerCase(Locale.ROOT));
        }
        supportedOptionTags = Set.copyOf(tags);
        accepted = List.copyOf(accepted == null ? List.of() : accepted);
    }

    /** True when the tag is one of {@link #supportedOptionTags()} (case-insensitive). */
    public boolean supports(String optionTag) {
        return supportedOptionTags.contains(optionTag.toLowerCase(Locale.ROOT));
    }

    /** The Allow header value: the allowed methods in {@link #UA_METHODS} order. */
    public String allowHeader() {
        List<String> names = new ArrayList<>(allowed.size());
        for (SipMethod m : UA_METHODS) {
            if (allowed.contains(m)) {
                names.add(m.name());
            }
        }
        return String.join(", ", names);
    }

    /** The Accept header value of a 415 (RFC 3261 §8.2.3). */
    public String acceptHeader() {
        List<String> types = new ArrayList<>(accepted.size());
        for (MediaType t : accepted) {
            types.add(t.toString());
        }
        return String.join(", ", types);
    }

    /** True when some accepted range matches the concrete type. */
    public boolean accepts(MediaType contentType) {
        for (MediaType range : accepted) {
            if (range.matches(contentType)) {
                return true;
            }
        }
        return false;
    }
}
