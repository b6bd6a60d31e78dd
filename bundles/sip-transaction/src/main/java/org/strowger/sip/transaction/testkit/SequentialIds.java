package org.strowger.sip.transaction.testkit;

import java.util.concurrent.atomic.AtomicInteger;

import org.strowger.platform.api.Ids;

/**
 * Predictable identifiers from one counter: branches {@code z9hG4bK-<prefix>-1} (with the RFC 3261
 * §8.1.1.7 magic cookie), tags {@code <prefix>tag2}, Call-IDs {@code <prefix>call3}, … Not random, so
 * for tests only.
 */
public final class SequentialIds implements Ids {

    private final String prefix;
    private final AtomicInteger next = new AtomicInteger();

    /** Identifiers carrying {@code prefix}, e.g. the node's IP with dots as underscores. */
    public SequentialIds(String prefix) {
        this.prefix = prefix;
    }

    /** {@code z9hG4bK-<prefix>-<n>}. */
    @Override
    public String newBranch() {
        return "z9hG4bK-" + prefix + "-" + next.incrementAndGet();
    }

    /** {@code <prefix>tag<n>}. */
    @Override
    public String newTag() {
        return prefix + "tag" + next.incrementAndGet();
    }

    /** {@code <prefix>call<n>}. */
    @Override
    public String newCallId() {
        return prefix + "call" + next.incrementAndGet();
    }
}
