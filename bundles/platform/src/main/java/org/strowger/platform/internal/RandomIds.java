package org.strowger.platform.internal;

import java.security.SecureRandom;

import org.osgi.service.component.annotations.Component;
import org.strowger.platform.api.Ids;

/**
 * Identifiers from a cryptographic random source: RFC 3261 §8.1.1.7 wants branches unique across
 * space and time, §19.3 tags with at least 32 random bits, and guessable values would let an
 * attacker inject into dialogs.
 */
@Component(service = Ids.class)
public final class RandomIds implements Ids {

    /** RFC 3261 §8.1.1.7: the branch of a compliant implementation starts with this cookie. */
    static final String MAGIC_COOKIE = "z9hG4bK";

    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuv".toCharArray();

    private final SecureRandom random = new SecureRandom();

    @Override
    public String newBranch() {
        return MAGIC_COOKIE + random(20);
    }

    @Override
    public String newTag() {
        return random(10);
    }

    @Override
    public String newCallId() {
        return random(26);
    }

    /** {@code chars} base-32 characters: 5 random bits each. */
    private String random(int chars) {
        byte[] bytes = new byte[chars];
        random.nextBytes(bytes);
        char[] out = new char[chars];
        for (int i = 0; i < chars; i++) {
            out[i] = ALPHABET[bytes[i] & 31];
        }
        return new String(out);
    }
}
