package org.hotline.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClaimPoolTest {

    private static final String T = Fixture.TENANT;

    @Inject
    AgroalDataSource db;

    @Test
    void fiftyConcurrentClaimsOfOnePooledOrderHaveExactlyOneWinner() throws Exception {
        String k = "P" + Fixture.unique();
        List<String> handlers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String unit = Fixture.unit(T, "淄博区县经办 " + i + " " + k, "COUNTY_OFFICE", i % 2 == 0 ? "370303" : "370300", 20);
            handlers.add(Fixture.handler(T, unit));
        }
        Fixture.rule(T, k, null, "CITY", 3, "WORKING_DAYS");
        String id = Fixture.order(T, "370303", k, "ONLINE_PRE_REVIEW");
        given().header("Authorization", handlers.get(0)).queryParam("size", 200).when().get("/api/v1/claim-pool")
                .then().statusCode(200).body("items.id", hasItem(id));

        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Callable<Integer>> claims = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String token = handlers.get(i % handlers.size());
            claims.add(() -> given().header("Authorization", token).contentType(ContentType.JSON).body("{}")
                    .when().post("/api/v1/work-orders/" + id + "/claim").then().extract().statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(claims)) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "statuses " + statuses);
        assertEquals(49, statuses.stream().filter(s -> s == 409).count(), "statuses " + statuses);
        assertEquals(1, Database.count(db, "SELECT count(*) FROM work_order_history WHERE work_order_id = ? "
                + "AND action = 'CLAIMED'", id));
    }

    @Test
    void anUnacceptedClaimReturnsToThePool() {
        String k = "L" + Fixture.unique();
        String a = Fixture.unit(T, "淄博 A " + k, "CITY_AGENCY", "370300", null);
        String b = Fixture.unit(T, "淄博 B " + k, "COUNTY_OFFICE", "370303", null);
        Fixture.rule(T, k, null, "CITY", 3, "WORKING_DAYS");
        String id = Fixture.order(T, "370300", k, "DATA_LOOKUP");
        given().header("Authorization", Fixture.handler(T, a)).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/work-orders/" + id + "/claim")
                .then().statusCode(200).body("status", equalTo("CLAIMED")).body("unitId", equalTo(a));

        // The lease runs out (moved into the past: tests do not wait) and a sweep puts the order back.
        Database.update(db, "UPDATE work_order SET claim_expires_at = now() - INTERVAL '1 minute' WHERE id = ?", id);
        given().header("Authorization", Fixture.operator()).when().post("/api/v1/sweeps").then().statusCode(200);
        given().header("Authorization", Fixture.agent(T)).when().get("/api/v1/work-orders/" + id)
                .then().body("status", equalTo("POOLED")).body("unitId", nullValue());
        given().header("Authorization", Fixture.handler(T, a)).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/work-orders/" + id + "/accept")
                .then().statusCode(403);

        given().header("Authorization", Fixture.handler(T, b)).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/work-orders/" + id + "/claim").then().statusCode(200);
        given().header("Authorization", Fixture.handler(T, b)).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/work-orders/" + id + "/accept")
                .then().statusCode(200).body("status", equalTo("ACCEPTED"))
                .body("firstResponsibleUnitId", equalTo(b));
        given().header("Authorization", Fixture.agent(T)).when().get("/api/v1/work-orders/" + id + "/history")
                .then().body("action", hasItems("CLAIMED", "CLAIM_EXPIRED", "ACCEPTED"));
    }

    @Test
    void aUnitCannotHoldMoreUnacceptedClaimsThanItsCap() {
        String k = "C" + Fixture.unique();
        String a = Fixture.unit(T, "淄博 cap " + k, "COUNTY_OFFICE", "370303", 1);
        Fixture.rule(T, k, null, "CITY", 3, "WORKING_DAYS");
        String first = Fixture.order(T, "370300", k, "DATA_LOOKUP");
        String second = Fixture.order(T, "370300", k, "DATA_LOOKUP");
        String handler = Fixture.handler(T, a);
        given().header("Authorization", handler).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/work-orders/" + first + "/claim").then().statusCode(200);
        given().header("Authorization", handler).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/work-orders/" + second + "/claim")
                .then().statusCode(409).body("type", equalTo("urn:hotline:problem:claim-cap-reached"));
    }

    @Test
    void unitsOutsideTheCityCannotClaim() {
        String k = "S" + Fixture.unique();
        String jinan = Fixture.unit(T, "济南 " + k, "CITY_AGENCY", "370100", null);
        Fixture.rule(T, k, null, "CITY", 3, "WORKING_DAYS");
        String id = Fixture.order(T, "370300", k, "DATA_LOOKUP");
        given().header("Authorization", Fixture.handler(T, jinan)).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/work-orders/" + id + "/claim")
                .then().statusCode(403).body("type", equalTo("urn:hotline:problem:claim-out-of-scope"));
        String other = Fixture.unit("42", "武汉 " + k, "CITY_AGENCY", "420100", null);
        given().header("Authorization", Fixture.handler("42", other)).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/work-orders/" + id + "/claim")
                .then().statusCode(404);
        given().header("Authorization", Fixture.agent(T)).when().get("/api/v1/work-orders/" + id)
                .then().body("status", equalTo("POOLED"));
        Map.of();
    }
}
