package org.hotline.common.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.impl.NoStackTraceThrowable;
import org.junit.jupiter.api.Test;

/** Which failures are the database's (503 database-unavailable) rather than a bug (500). */
class DatabaseUnavailableTest {

    @Test
    void aPoolThatFoundNoFreeConnectionInTimeIsTheDatabaseBeingUnavailable() {
        assertTrue(ProblemMappers.databaseUnavailable(new RuntimeException(new NoStackTraceThrowable("Timeout"))));
    }

    @Test
    void anotherVertxFailureOrAPlainTimeoutIsNot() {
        assertFalse(ProblemMappers.databaseUnavailable(new NoStackTraceThrowable("Invalid JSON")));
        assertFalse(ProblemMappers.databaseUnavailable(new IllegalStateException("Timeout")));
    }
}
