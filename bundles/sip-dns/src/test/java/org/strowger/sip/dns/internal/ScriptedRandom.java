package org.strowger.sip.dns.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/** A {@link Random} whose {@code nextInt(bound)} returns the scripted draws in turn, checking each is in range. */
final class ScriptedRandom extends Random {

    private static final long serialVersionUID = 1L;

    private final Deque<Integer> draws;
    private final Deque<Integer> bounds = new ArrayDeque<>();

    ScriptedRandom(Integer... draws) {
        this.draws = new ArrayDeque<>(List.of(draws));
    }

    @Override
    public int nextInt(int bound) {
        if (draws.isEmpty()) {
            throw new AssertionError("more random draws than scripted; bounds so far " + bounds);
        }
        int d = draws.poll();
        if (d < 0 || d >= bound) {
            throw new AssertionError("scripted draw " + d + " outside [0, " + bound + ")");
        }
        bounds.add(bound);
        return d;
    }

    /** The bounds asked for, in order (each is the weight sum + 1, RFC 2782). */
    List<Integer> bounds() {
        return List.copyOf(bounds);
    }

    boolean exhausted() {
        return draws.isEmpty();
    }
}
