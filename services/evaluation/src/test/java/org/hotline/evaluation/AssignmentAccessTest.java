package org.hotline.evaluation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.contracts.routing.v1.WorkOrder;
import org.hotline.evaluation.feed.RoutingFacts;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may touch an evaluator's assignment: only that evaluator writes it; another evaluator of the province, the same
 * subject as an evaluator of another province, and another province's admin and leader get 404 for every read and
 * write (the assignment, its form, its case) and see it in no list; the province's admin and leader read but never
 * write the form (403). After all those attempts nothing is stored, and the owner still drafts and submits.
 */
@QuarkusTest
class AssignmentAccessTest {

    @Inject
    RoutingFacts facts;

    @BeforeEach
    void reset() throws Throwable {
        Database.reset();
        StandInRouting.DOWN.set(false);
    }

    @Test
    void onlyTheOwnerWritesAnAssignmentAndNoOtherEvaluatorOrProvinceSeesIt() throws Throwable {
        String owner = "ev-owner-" + UUID.randomUUID();
        String colleague = "ev-colleague-" + UUID.randomUUID();
        String ownerId = EvaluationWorkflowTest.createEvaluator(owner, "370300", 5, null);
        String colleagueId = EvaluationWorkflowTest.createEvaluator(colleague, "370300", 5, null);
        UUID unit = UUID.randomUUID();
        // The colleague is related to the unit: the case can only go to the owner.
        EvaluationWorkflowTest.declare(colleagueId, "UNIT", unit.toString());
        WorkOrder order = Fixtures.order("37", "370303", unit, "山东省淄博市张店区人民西路1号", "139****0002").build();
        StandInRouting.put(order);
        Fixtures.fact(facts, "replied", order);
        Fixtures.fact(facts, "callback-done", order.toBuilder().setSatisfaction("UNSATISFIED").build());
        Eventually.until("case details", Duration.ofSeconds(20),
                () -> EvaluationWorkflowTest.caseOf(order.getId()).get("title") != null);
        EvaluationWorkflowTest.run(21L).then().statusCode(201).body("assigned", equalTo(1));
        String caseId = (String) EvaluationWorkflowTest.caseOf(order.getId()).get("id");
        String ownerToken = Fixtures.bearer(owner, "evaluator", "37");
        String assignment = given().header("Authorization", ownerToken).when().get("/api/v1/assignments")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].evaluatorId", equalTo(ownerId))
                .extract().path("items[0].id");
        String path = "/api/v1/assignments/" + assignment;
        Map<String, Object> form = EvaluationWorkflowTest.form("UNSATISFIED", "SATISFIED");

        // Every attempt, by every caller who must not see it: 404 as if it did not exist, and no list shows it.
        Map<String, String> outsiders = Map.of(
                "another evaluator of the province", Fixtures.bearer(colleague, "evaluator", "37"),
                "the same subject as an evaluator of province 42", Fixtures.bearer(owner, "evaluator", "42"),
                "province 42's tenant-admin", TestTokens.bearer("tenant-admin", "42"),
                "province 42's leader", TestTokens.bearer("leader", "42"));
        outsiders.forEach((who, token) -> {
            given().header("Authorization", token).when().get(path)
                    .then().statusCode(404).contentType("application/problem+json");
            given().header("Authorization", token).when().get(path + "/evaluation").then().statusCode(404);
            given().header("Authorization", token).when().get("/api/v1/assignments")
                    .then().statusCode(200).body("total", equalTo(0));
            given().header("Authorization", token).queryParam("evaluatorId", ownerId).when().get("/api/v1/assignments")
                    .then().statusCode(200).body("total", equalTo(0));
        });
        for (String token : List.of(Fixtures.bearer(colleague, "evaluator", "37"),
                Fixtures.bearer(owner, "evaluator", "42"))) {
            given().header("Authorization", token).contentType("application/json").body(Map.of("notes", "冒名草稿"))
                    .when().put(path + "/evaluation").then().statusCode(404);
            given().header("Authorization", token).contentType("application/json").body(form)
                    .when().post(path + "/evaluation").then().statusCode(404);
        }
        for (String role : List.of("tenant-admin", "leader")) {
            given().header("Authorization", TestTokens.bearer(role, "42")).when().get("/api/v1/cases/" + caseId)
                    .then().statusCode(404);
            given().header("Authorization", TestTokens.bearer(role, "42")).queryParam("workOrderId", order.getId())
                    .when().get("/api/v1/cases").then().statusCode(200).body("total", equalTo(0));
            // The province's own admin and leader read it, but the form is the evaluator's alone.
            given().header("Authorization", TestTokens.bearer(role, "37")).when().get(path).then().statusCode(200)
                    .body("assignment.evaluatorId", equalTo(ownerId));
            given().header("Authorization", TestTokens.bearer(role, "37")).contentType("application/json").body(form)
                    .when().post(path + "/evaluation").then().statusCode(403);
            given().header("Authorization", TestTokens.bearer(role, "37")).contentType("application/json")
                    .body(Map.of("notes", "代填")).when().put(path + "/evaluation").then().statusCode(403);
        }

        // Nothing was stored by any of them.
        assertEquals(0, Database.count("SELECT count(*) FROM case_evaluation WHERE assignment_id = cast(?1 as uuid)",
                assignment));
        assertEquals("ASSIGNED", EvaluationWorkflowTest.caseOf(order.getId()).get("stage"));

        // The owner's draft stays the owner's: the colleague still gets 404 for it; then the owner submits.
        given().header("Authorization", ownerToken).contentType("application/json").body(Map.of("notes", "已联系单位"))
                .when().put(path + "/evaluation").then().statusCode(200).body("status", equalTo("DRAFT"));
        given().header("Authorization", Fixtures.bearer(colleague, "evaluator", "37")).when().get(path + "/evaluation")
                .then().statusCode(404);
        given().header("Authorization", ownerToken).contentType("application/json").body(form)
                .when().post(path + "/evaluation").then().statusCode(201).body("outcome", equalTo("HEARING"));
        given().header("Authorization", ownerToken).when().get(path + "/evaluation").then().statusCode(200)
                .body("status", equalTo("SUBMITTED")).body("notes", equalTo("单位未核实报销材料"));
        assertEquals(1, Database.count("SELECT count(*) FROM case_evaluation WHERE assignment_id = cast(?1 as uuid)",
                assignment));
    }
}
