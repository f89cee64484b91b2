package org.hotline.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Several replicas sweep the same database at the same moment. Each concurrent call below runs the sweep in its own
 * transaction on its own connection, exactly as separate routing instances would.
 */
@QuarkusTest
class WarningSweepTest {

    private static final String T = Fixture.TENANT;

    @Inject
    AgroalDataSource db;

    private void sweepConcurrently(int replicas) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        List<Callable<Integer>> sweeps = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            sweeps.add(() -> given().header("Authorization", Fixture.operator())
                    .when().post("/api/v1/sweeps").then().extract().statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(sweeps)) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertTrue(statuses.stream().allMatch(s -> s == 200), "sweep statuses " + statuses);
    }

    @Test
    void eachWarningIsRaisedExactlyOnceWhenReplicasSweepTogether() throws Exception {
        String k = "W" + Fixture.unique();
        String unit = Fixture.unit(T, "淄博 warn " + k, "CITY_AGENCY", "370300", null);
        Fixture.rule(T, k, unit, null, 5, "WORKING_DAYS");
        String id = Fixture.order(T, "370300", k, "FEEDBACK");

        // 75% of the limit used (moved into the past: tests do not wait).
        Database.update(db, "UPDATE work_order SET warn_at = now() - INTERVAL '1 minute' WHERE id = ?", id);
        sweepConcurrently(6);
        given().header("Authorization", Fixture.agent(T)).when().get("/api/v1/work-orders/" + id)
                .then().body("warningLevel", equalTo("YELLOW")).body("supervised", equalTo(false));
        assertEquals(1, Database.count(db, "SELECT count(*) FROM work_order_warning WHERE work_order_id = ? AND level = 'YELLOW'", id));
        assertEquals(1, Database.count(db, "SELECT count(*) FROM work_order_history WHERE work_order_id = ? AND action = 'WARNING_YELLOW'", id));

        // Overdue: red, and the order becomes a supervised case.
        Database.update(db, "UPDATE work_order SET due_at = now() - INTERVAL '1 minute' WHERE id = ?", id);
        sweepConcurrently(6);
        given().header("Authorization", Fixture.agent(T)).when().get("/api/v1/work-orders/" + id)
                .then().body("warningLevel", equalTo("RED")).body("supervised", equalTo(true));
        assertEquals(1, Database.count(db, "SELECT count(*) FROM work_order_warning WHERE work_order_id = ? AND level = 'RED'", id));
        // One warning event per level (YELLOW, RED) and one supervision event, whatever the number of replicas.
        assertEquals(2, Database.count(db, "SELECT count(*) FROM outbox_event WHERE aggregate_id = CAST(? AS text) "
                + "AND type = 'routing.work-order.warning-raised'", id));
        assertEquals(1, Database.count(db, "SELECT count(*) FROM outbox_event WHERE aggregate_id = CAST(? AS text) "
                + "AND type = 'routing.work-order.supervised'", id));

        // Another sweep later changes nothing.
        sweepConcurrently(2);
        assertEquals(2, Database.count(db, "SELECT count(*) FROM work_order_warning WHERE work_order_id = ?", id));
    }
}
