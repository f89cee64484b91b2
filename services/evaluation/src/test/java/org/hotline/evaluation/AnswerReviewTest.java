package org.hotline.evaluation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.contracts.evaluation.v1.AnswerReviewed;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** Quality sampling of agents' answers (质检): recorded once per contact, published for 解答准确率. */
@QuarkusTest
class AnswerReviewTest {

    private static final String REVIEWER = TestTokens.bearer("evaluator", "37");

    @jakarta.inject.Inject
    Pool pool;

    private static Map<String, Object> review(String contact, String agent, boolean accurate) {
        Map<String, Object> m = new HashMap<>(Map.of("contactId", contact, "callId", "call-" + contact,
                "agentId", agent, "queueId", "370300", "channel", "PHONE", "category", "POLICY_ANSWER",
                "accurate", accurate));
        return m;
    }

    @Test
    void aReviewerRecordsAnInaccurateAnswerOnceAndItIsPublishedWithoutTheNote() throws Exception {
        String contact = UUID.randomUUID().toString();
        String agent = "agent-" + UUID.randomUUID();
        Map<String, Object> body = review(contact, agent, false);
        body.put("expectedArticleId", "article-yidi-beian");
        body.put("note", "坐席答复异地就医备案需回参保地办理，实际可网上备案");
        String id = given().header("Authorization", REVIEWER).contentType("application/json").body(body)
                .when().post("/api/v1/answer-reviews").then().statusCode(201)
                .body("tenant", equalTo("37")).body("accurate", equalTo(false))
                .body("expectedArticleId", equalTo("article-yidi-beian")).extract().path("id");
        // The reviewer's client retries: the same review again; another verdict on the same contact is refused.
        given().header("Authorization", REVIEWER).contentType("application/json").body(body)
                .when().post("/api/v1/answer-reviews").then().statusCode(200).body("id", equalTo(id));
        given().header("Authorization", REVIEWER).contentType("application/json").body(review(contact, agent, true))
                .when().post("/api/v1/answer-reviews").then().statusCode(409)
                .body("type", equalTo("urn:hotline:problem:answer-already-reviewed"));

        List<Row> events = outbox(id);
        assertEquals(1, events.size());
        assertEquals("evaluation.answer.reviewed", events.get(0).getString("type"));
        assertEquals("37", events.get(0).getString("tenant"));
        byte[] payload = events.get(0).getBuffer("payload").getBytes();
        AnswerReviewed fact = AnswerReviewed.parseFrom(payload);
        assertEquals(contact, fact.getContactId());
        assertEquals("call-" + contact, fact.getCallId());
        assertEquals(agent, fact.getAgentId());
        assertEquals("370300", fact.getQueueId());
        assertEquals("POLICY_ANSWER", fact.getCategory());
        assertFalse(fact.getAccurate());
        assertEquals("article-yidi-beian", fact.getExpectedArticleId());
        assertFalse(new String(payload, java.nio.charset.StandardCharsets.UTF_8).contains("异地就医备案需回"),
                "the note is not published");

        given().header("Authorization", TestTokens.bearer("leader", "37")).when()
                .get("/api/v1/answer-reviews?agentId=" + agent).then().statusCode(200).body("id", hasItem(id));
        given().header("Authorization", TestTokens.bearer("leader", "42")).when()
                .get("/api/v1/answer-reviews/" + id).then().statusCode(404);
        given().header("Authorization", TestTokens.bearer("leader", "42")).when()
                .get("/api/v1/answer-reviews?agentId=" + agent).then().statusCode(200).body("id", not(hasItem(id)));
    }

    @Test
    void refusesIncompleteOrMalformedReviewsAndWrongRolesAndStoresNothing() {
        String contact = UUID.randomUUID().toString();
        String agent = "agent-" + UUID.randomUUID();
        List<Map<String, Object>> bad = new ArrayList<>();
        Map<String, Object> noAccurate = review(contact, agent, true);
        noAccurate.remove("accurate");
        bad.add(noAccurate);
        Map<String, Object> noAgent = review(contact, agent, true);
        noAgent.remove("agentId");
        bad.add(noAgent);
        bad.add(review("not-a-uuid", agent, true));
        Map<String, Object> badQueue = review(contact, agent, true);
        badQueue.put("queueId", "37");
        bad.add(badQueue);
        Map<String, Object> badCategory = review(contact, agent, true);
        badCategory.put("category", "POLICY");
        bad.add(badCategory);
        for (Map<String, Object> body : bad) {
            given().header("Authorization", REVIEWER).contentType("application/json").body(body)
                    .when().post("/api/v1/answer-reviews").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().header("Authorization", TestTokens.bearer("leader", "37")).contentType("application/json")
                .body(review(contact, agent, true)).when().post("/api/v1/answer-reviews").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("agent", "37")).contentType("application/json")
                .body(review(contact, agent, true)).when().post("/api/v1/answer-reviews").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("tenant-admin", "37")).when()
                .get("/api/v1/answer-reviews?agentId=" + agent).then().statusCode(200).body("size()", equalTo(0));
    }

    private List<Row> outbox(String aggregateId) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("select type, tenant, payload from outbox_event where aggregate_id = $1 order by seq")
                .executeAndAwait(Tuple.of(aggregateId)).forEach(rows::add);
        return rows;
    }
}
