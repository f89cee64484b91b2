package org.hotline.appraisal;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Any;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.appraisal.service.EvaluationFacts;
import org.hotline.contracts.evaluation.v1.EvaluationRecorded;
import org.hotline.contracts.events.v1.EventEnvelope;
import org.hotline.events.consumer.FeedEvent;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KpiCountResourceTest {

    @Inject
    EvaluationFacts facts;

    private static FeedEvent recorded(String verdict, int score) {
        UUID evaluation = UUID.randomUUID();
        return new FeedEvent("evaluation", EventEnvelope.newBuilder()
                .setId(UUID.randomUUID().toString()).setType("evaluation.evaluation.recorded").setTenant("37")
                .setAggregateId(evaluation.toString()).setPosition(1).setOccurredAt("2026-11-23T08:00:00Z")
                .setPayloadVersion(1)
                .setPayload(Any.pack(EvaluationRecorded.newBuilder().setEvaluationId(evaluation.toString())
                        .setWorkOrderId(UUID.randomUUID().toString()).setVerdict(verdict).setScore(score)
                        .setRegionCode("370300").build()))
                .build());
    }

    private static Map<String, Object> unsatisfiedCount() {
        List<Map<String, Object>> items = given().header("Authorization", TestTokens.bearer("leader", "37"))
                .queryParam("size", 500)
                .when().get("/api/v1/kpi-counts")
                .then().statusCode(200).extract().path("items");
        return items.stream().filter(i -> "evaluation.evaluation.recorded".equals(i.get("type"))
                        && "UNSATISFIED".equals(i.get("verdict")))
                .findFirst().orElse(Map.of("events", 0, "scoreSum", 0));
    }

    @Test
    void appliedEvaluationEventsShowInTheTenantsCounts() throws Throwable {
        Map<String, Object> before = unsatisfiedCount();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> facts.apply(recorded("UNSATISFIED", 2))
                .chain(() -> facts.apply(recorded("UNSATISFIED", 1)))));
        Map<String, Object> after = unsatisfiedCount();
        assertEquals(((Number) before.get("events")).longValue() + 2, ((Number) after.get("events")).longValue());
        assertEquals(((Number) before.get("scoreSum")).longValue() + 3, ((Number) after.get("scoreSum")).longValue());
    }

    @Test
    void provincialLeaderCannotReadAnotherTenant() {
        given().header("Authorization", TestTokens.bearer("leader", "42"))
                .queryParam("tenant", "37")
                .when().get("/api/v1/kpi-counts")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void evaluatorsCannotReadCounts() {
        given().header("Authorization", TestTokens.bearer("evaluator", "37"))
                .when().get("/api/v1/kpi-counts")
                .then().statusCode(403);
    }
}
