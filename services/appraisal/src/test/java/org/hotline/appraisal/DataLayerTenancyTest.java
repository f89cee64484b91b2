package org.hotline.appraisal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.isOneOf;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hotline.appraisal.domain.ComplaintLight;
import org.hotline.appraisal.service.RoutingFacts;
import org.hotline.contracts.routing.v1.WorkOrderEvent;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation below the resource code: {@link UncheckedDataProbe} forgot every check and loads by id, lists
 * every row and acknowledges lights with no tenant in any query, yet a Hubei leader reaches none of Shandong's work
 * order facts (behind its figures, scorecards and hotspots) or complaint lights, and lists no row of another
 * province in any of appraisal's tenant-owned tables (the Hibernate tenant filter, docs/security.md). Each read is
 * first shown to work for the owning province, so that 404 means filtered. The attempts: read by id, by a guessed
 * id, list every table, acknowledge a light (through the probe and the API).
 */
@QuarkusTest
class DataLayerTenancyTest {

    private static final String SHANDONG = TestTokens.bearer("leader", "37");
    private static final String HUBEI = TestTokens.bearer("leader", "42");

    @Inject
    RoutingFacts routing;

    @Test
    void withoutTheResourcesCheckAnotherProvinceCannotReadListOrChangeShandongsFactsAndLights() throws Throwable {
        String order = UUID.randomUUID().toString();
        Instant at = Feeds.freshDay().plusSeconds(9 * 3600);
        Feeds.apply(routing, List.of(Feeds.event("routing", "routing.work-order.created", "37", order, at,
                WorkOrderEvent.newBuilder().setWorkOrderId(order).setStatus("DISPATCHED").setCategory("FEEDBACK")
                        .setSubcategory("报销").setChannel("PHONE").setRegionCode("370300")
                        .setPoolingRegionCode("370300").setUnitId(UUID.randomUUID().toString())
                        .setReceivedAt(at.toString()).setDueAt(at.plusSeconds(5 * 86_400).toString()).build())), 1);
        String light = shandongLight();

        for (String path : List.of("work-order-facts/" + order, "lights/" + light)) {
            given().header("Authorization", SHANDONG).get("/test/unchecked/" + path).then().statusCode(200)
                    .body("tenant", equalTo("37"));
            given().header("Authorization", HUBEI).get("/test/unchecked/" + path).then().statusCode(404);
        }
        given().header("Authorization", TestTokens.bearer("platform-operator", "*"))
                .get("/test/unchecked/work-order-facts").then().statusCode(200).body("tenants", hasItem("37"));
        given().header("Authorization", HUBEI).get("/test/unchecked/lights/" + UUID.randomUUID()).then()
                .statusCode(404);
        for (String entity : UncheckedDataProbe.names()) {
            // The national KPI defaults ("*") are every province's to read; nothing else but Hubei's own.
            given().header("Authorization", HUBEI).get("/test/unchecked/" + entity).then().statusCode(200)
                    .body("tenants", everyItem(entity.equals("kpi-settings") ? isOneOf("42", "*") : equalTo("42")));
        }
        given().header("Authorization", HUBEI).post("/test/unchecked/lights/" + light + "/acknowledge").then()
                .statusCode(404);
        given().header("Authorization", HUBEI).post("/api/v1/lights/" + light + "/acknowledgement").then()
                .statusCode(404);
        given().header("Authorization", HUBEI).get("/api/v1/lights/" + light).then().statusCode(404);

        // Nothing was changed: the light is still unacknowledged.
        given().header("Authorization", SHANDONG).get("/api/v1/lights/" + light).then().statusCode(200)
                .body("acknowledgedAt", nullValue());
    }

    @Test
    void aNationalTenantClaimOnARoleThatMayNotBeNationalSeesNoFacts() throws Throwable {
        shandongLight();
        for (String role : new String[] { "leader", "tenant-admin" }) {
            for (String entity : UncheckedDataProbe.names()) {
                // Only the national KPI defaults, which every province reads.
                given().header("Authorization", TestTokens.bearer(role, "*")).get("/test/unchecked/" + entity).then()
                        .statusCode(200).body("tenants", entity.equals("kpi-settings") ? everyItem(equalTo("*"))
                                : org.hamcrest.Matchers.empty());
            }
        }
    }

    /** A cleared light of Shandong (cleared, so that no open-light list of another test shows it). */
    private static String shandongLight() throws Throwable {
        ComplaintLight l = new ComplaintLight();
        l.id = UUID.randomUUID();
        l.tenant = "37";
        l.scope = "UNIT";
        l.scopeKey = UUID.randomUUID().toString();
        l.level = "YELLOW";
        l.count = 3;
        l.threshold = BigDecimal.valueOf(3);
        l.openedAt = Instant.now();
        l.clearedAt = Instant.now();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(l::persist));
        return l.id.toString();
    }
}
