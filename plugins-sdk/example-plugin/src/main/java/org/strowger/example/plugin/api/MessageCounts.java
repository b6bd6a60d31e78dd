package org.strowger.example.plugin.api;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * SIP messages seen by the transport since the plugin started, counted by direction, requests by
 * method (RFC 3261 §7.1) and responses by status class (RFC 3261 §7.2, §21: 1xx … 6xx).
 *
 * <p>Keys:
 * <ul>
 *   <li>{@code in.request.<METHOD>}, {@code out.request.<METHOD>}: one per method defined by
 *       RFC 3261 and its extensions (INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, PRACK, SUBSCRIBE,
 *       NOTIFY, PUBLISH, INFO, REFER, MESSAGE, UPDATE); any other method is counted under
 *       {@value #OTHER_METHOD}, so a peer cannot grow the map without bound;</li>
 *   <li>{@code in.response.<N>xx}, {@code out.response.<N>xx} for N in 1 … 6.</li>
 * </ul>
 * Implementations are thread-safe.
 */
@ProviderType
public interface MessageCounts {

    /** The method part of the key under which methods not defined by an RFC are counted. */
    String OTHER_METHOD = "other";

    /**
     * A consistent-enough view for monitoring: each count is read once, while counting goes on.
     *
     * @return the keys counted at least once, in key order, with their counts; never null, not
     *     modifiable
     */
    Map<String, Long> snapshot();
}
