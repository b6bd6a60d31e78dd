package org.strowger.platform.api;

import org.osgi.annotation.versioning.ProviderType;

/** Generates the random identifiers SIP needs. Values are unguessable (RFC 3261 §8.1.1.4, §19.3). */
@ProviderType
public interface Ids {

    /** A Via branch with the RFC 3261 magic cookie, e.g. {@code z9hG4bK-4f2a…} (RFC 3261 §8.1.1.7). */
    String newBranch();

    /** A From/To tag with at least 32 bits of randomness (RFC 3261 §19.3). */
    String newTag();

    /** A globally unique Call-ID local part (RFC 3261 §8.1.1.4). */
    String newCallId();
}
