package org.strowger.sip.transaction.internal;

import java.util.concurrent.atomic.AtomicInteger;

import org.strowger.platform.api.Ids;

/** Predictable identifiers: {@code z9hG4bK-<prefix>-1}, {@code -2}, … */
final class TestIds implements Ids {

    private final String prefix;
    private final AtomicInteger next = new AtomicInteger();

    TestIds(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public String newBranch() {
        return "z9hG4bK-" + prefix + "-" + next.incrementAndGet();
    }

    @Override
    public String newTag() {
        return prefix + "tag" + next.incrementAndGet();
    }

    @Override
    public String newCallId() {
        return prefix + "call" + next.incrementAndGet();
    }
}
