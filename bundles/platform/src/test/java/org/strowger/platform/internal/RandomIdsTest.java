package org.strowger.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RandomIdsTest {

    private final RandomIds ids = new RandomIds();

    @Test
    void rfc3261_8_1_1_7_branchStartsWithMagicCookie() {
        assertTrue(ids.newBranch().startsWith("z9hG4bK"));
    }

    @Test
    void rfc3261_19_3_tagsAreUniqueAndTokens() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String tag = ids.newTag();
            assertTrue(tag.matches("[0-9a-v]{10}"), tag);
            seen.add(tag);
        }
        assertEquals(10_000, seen.size());
    }
}
