package org.hotline.evaluation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.hotline.evaluation.service.EvaluationJobs;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The quarterly hearing (听证会) is planned by itself once a quarter ends, once per province. */
@QuarkusTest
class QuarterlyHearingTest {

    static final String ADMIN = EvaluationWorkflowTest.ADMIN;
    /** 2026-10-01 09:00 in Shanghai: the third quarter has just ended. */
    static final Instant AFTER_Q3 = Instant.parse("2026-10-01T01:00:00Z");

    @Inject
    EvaluationJobs jobs;

    @BeforeEach
    void reset() throws Throwable {
        Database.reset();
    }

    @Test
    void theQuarterJustEndedGetsOneHearingWithItsAgendaEvenWhenThePlannerRunsTwice() throws Throwable {
        EvaluationWorkflowTest.createEvaluator("planner-eval", "370303", 5, null);

        VertxContextSupport.subscribeAndAwait(() -> jobs.planQuarterlyHearings(AFTER_Q3));
        VertxContextSupport.subscribeAndAwait(() -> jobs.planQuarterlyHearings(AFTER_Q3.plusSeconds(3600)));

        given().header("Authorization", ADMIN).when().get("/api/v1/hearings?size=50").then().statusCode(200)
                .body("findAll { it.quarter == '2026-Q3' }", hasSize(1))
                .body("find { it.quarter == '2026-Q3' }.title", equalTo("2026年第三季度听证会"))
                .body("find { it.quarter == '2026-Q3' }.status", equalTo("PLANNED"));
        // Another province sees none of it.
        given().header("Authorization", TestTokens.bearer("tenant-admin", "42")).when().get("/api/v1/hearings")
                .then().statusCode(200).body("findAll { it.quarter == '2026-Q3' }", hasSize(0));
    }

    @Test
    void aProvinceThatPlannedItsOwnHearingOfTheQuarterGetsNoSecondOne() throws Throwable {
        EvaluationWorkflowTest.createEvaluator("planner-eval-2", "370303", 5, null);
        given().header("Authorization", ADMIN).contentType("application/json")
                .body(Map.of("quarter", "2026-Q3", "title", "淄博市第三季度医保服务听证会"))
                .when().post("/api/v1/hearings").then().statusCode(201);

        VertxContextSupport.subscribeAndAwait(() -> jobs.planQuarterlyHearings(AFTER_Q3));

        given().header("Authorization", ADMIN).when().get("/api/v1/hearings?size=50").then().statusCode(200)
                .body("findAll { it.quarter == '2026-Q3' }", hasSize(1))
                .body("find { it.quarter == '2026-Q3' }.title", equalTo("淄博市第三季度医保服务听证会"));
    }
}
