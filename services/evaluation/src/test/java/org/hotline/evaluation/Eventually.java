package org.hotline.evaluation;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for background work (the action queue, follow-ups) to reach a state, failing with a message after a bound. */
final class Eventually {

    private Eventually() {
    }

    static void until(String what, Duration bound, BooleanSupplier condition) {
        long end = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Not within " + bound + ": " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
