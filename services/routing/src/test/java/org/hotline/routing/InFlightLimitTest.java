package org.hotline.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hotline.routing.service.InFlightLimit;
import org.junit.jupiter.api.Test;

/** The in-flight ceiling behind routing's load shedding (503 / RESOURCE_EXHAUSTED instead of an unbounded queue). */
class InFlightLimitTest {

    @Test
    void refusesAboveTheCeilingWithoutTakingASlotAndAdmitsAgainOnceOneIsGivenBack() {
        InFlightLimit limit = new InFlightLimit(2);
        assertTrue(limit.tryAcquire());
        assertTrue(limit.tryAcquire());
        assertFalse(limit.tryAcquire());
        assertFalse(limit.tryAcquire());
        assertEquals(2, limit.current());
        limit.release();
        assertTrue(limit.tryAcquire());
        assertEquals(2, limit.current());
    }

    @Test
    void aCeilingOfZeroAdmitsEverything() {
        InFlightLimit limit = new InFlightLimit(0);
        for (int i = 0; i < 10_000; i++) {
            assertTrue(limit.tryAcquire());
        }
        assertEquals(10_000, limit.current());
    }
}
