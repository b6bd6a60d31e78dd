package org.strowger.sip.message.internal;

import java.security.SecureRandom;

/**
 * To tags for responses sent without transaction state (RFC 3261 §8.2.6.2, §19.3): a per-process
 * random salt mixed with the request's identity, so a retransmitted request gets the same tag ("the
 * same tag MUST be used for all responses to that request") and tags are not guessable.
 */
public final class StatelessTag {
    private static final long SALT = new SecureRandom().nextLong();

    private StatelessTag() {
    }

    /** A tag (16 hex digits) derived from the given request fields; null parts are allowed. */
    public static String of(String... parts) {
        long h = 0xcbf29ce484222325L ^ SALT; // FNV-1a 64, salted
        for (String part : parts) {
            if (part != null) {
                for (int i = 0; i < part.length(); i++) {
                    h ^= part.charAt(i);
                    h *= 0x100000001b3L;
                }
            }
            h ^= 0x1f;
            h *= 0x100000001b3L;
        }
        String hex = Long.toHexString(h ^ (h >>> 29));
        return "0".repeat(16 - hex.length()) + hex;
    }
}
