package org.strowger.platform.internal;

import java.util.concurrent.ThreadFactory;

/** Daemon threads with a fixed name, so thread dumps say what each thread is for. */
final class NamedThreadFactory implements ThreadFactory {

    private final String name;

    NamedThreadFactory(String name) {
        this.name = name;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
