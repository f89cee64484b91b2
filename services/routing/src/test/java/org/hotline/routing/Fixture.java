package org.hotline.routing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.testing.TestKeys;
import org.hotline.testing.TestTokens;

/**
 * Builds what a test needs through the public API, with names and keywords unique to the run so that tests stay
 * repeatable on a database holding data from earlier runs.
 */
final class Fixture {

    static final String TENANT = "37";

    private Fixture() {
    }

    static String admin(String tenant) {
        return TestTokens.bearer("tenant-admin", tenant);
    }

    static String agent(String tenant) {
        return TestTokens.bearer("agent", tenant);
    }

    static String leader() {
        return TestTokens.bearer("leader", TENANT);
    }

    static String operator() {
        return TestTokens.bearer("platform-operator", "*");
    }

    /** A handler of {@code unit}: the token carries the unit's id in the {@code unit} claim. */
    static String handler(String tenant, String unit) {
        return "Bearer " + Jwt.issuer(TestTokens.ISSUER).upn("handler@" + unit.substring(0, 8)).groups("handler")
                .claim("tenant", tenant).claim("unit", unit).expiresIn(Duration.ofHours(1))
                .jws().keyId("test").sign(TestKeys.get().privateKey());
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static String unit(String tenant, String name, String kind, String regionCode, Integer cap) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("kind", kind);
        body.put("regionCode", regionCode);
        body.put("leaderName", "王主任");
        body.put("leaderPhone", "0533-3120001");
        if (cap != null) {
            body.put("openClaimCap", cap);
        }
        return given().header("Authorization", admin(tenant)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/units")
                .then().statusCode(201).extract().path("id");
    }

    /** A rule sending orders whose text contains {@code keyword} to a unit (or a pool when unit is null). */
    static String rule(String tenant, String keyword, String unit, String poolScope, int limit, String limitUnit) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "test rule " + keyword);
        body.put("position", 10);
        body.put("keywords", List.of(keyword));
        if (unit != null) {
            body.put("targetUnitId", unit);
        } else {
            body.put("poolScope", poolScope);
        }
        body.put("limitValue", limit);
        body.put("limitUnit", limitUnit);
        body.put("effectiveFrom", "2020-01-01");
        return given().header("Authorization", admin(tenant)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/routing-rules")
                .then().statusCode(201).extract().path("id");
    }

    /** Registers an order in Zibo whose title carries {@code keyword}. */
    static String order(String tenant, String regionCode, String keyword, String category) {
        return given().header("Authorization", agent(tenant)).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body(Map.of("regionCode", regionCode, "category", category, "title", "异地就医备案 " + keyword,
                        "description", "参保人反映跨省就医备案未通过，请核实。", "citizenPhone", "13905330000",
                        "channel", "PHONE"))
                .when().post("/api/v1/work-orders")
                .then().statusCode(201).extract().path("id");
    }
}
