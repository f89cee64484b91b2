package org.hotline.routing.service;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A count of requests being served with a ceiling: {@link #tryAcquire()} refuses at once above it, so that an
 * overload is answered "come back later" in microseconds instead of queueing until every caller times out.
 */
public final class InFlightLimit {

    private final int max;
    private final AtomicInteger current = new AtomicInteger();

    /** {@code max} of 0 or less: no ceiling (the count is still kept). */
    public InFlightLimit(int max) {
        this.max = max;
    }

    /** Takes a slot; false (and nothing taken) when the ceiling is reached. */
    public boolean tryAcquire() {
        int now = current.incrementAndGet();
        if (max > 0 && now > max) {
            current.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives back a slot taken by {@link #tryAcquire()}. */
    public void release() {
        current.decrementAndGet();
    }

    /** Requests being served now. */
    public int current() {
        return current.get();
    }

    public int max() {
        return max;
    }
}
