package org.hotline.appraisal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.appraisal.service.EvaluationFacts;
import org.hotline.appraisal.service.IntakeFacts;
import org.hotline.common.v1.ServiceCategory;
import org.hotline.contracts.evaluation.v1.AnswerReviewed;
import org.hotline.contracts.intake.v1.CallEnded;
import org.hotline.contracts.intake.v1.CallOffered;
import org.hotline.contracts.intake.v1.ContactRegistered;
import org.hotline.contracts.intake.v1.SurveyAnswered;
import org.hotline.events.consumer.FeedEvent;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * 满意度评分 (post-contact survey from intake) and 解答准确率 (quality reviews from evaluation) per agent, queue and
 * tenant on a hand-computed sequence, per half-hour and in all, as CSV and in a scorecard that weighs them.
 */
@QuarkusTest
class SurveyAndAnswerAccuracyKpiTest {

    @Inject
    IntakeFacts intake;
    @Inject
    EvaluationFacts evaluation;

    private final List<FeedEvent> intakeFeed = new ArrayList<>();
    private final List<FeedEvent> evaluationFeed = new ArrayList<>();
    private final Instant day = Feeds.freshDay();
    private final String queue = "3704" + String.format("%02d", (int) (Math.random() * 100));
    private final String agent1 = "agent-" + UUID.randomUUID();
    private final String agent2 = "agent-" + UUID.randomUUID();

    /** A phone contact whose call {@code agent} answered at day + {@code offset} s; returns {contact, call}. */
    private String[] call(long offset, String agent) {
        String contact = UUID.randomUUID().toString();
        String call = "call-" + UUID.randomUUID();
        Instant offered = day.plusSeconds(offset);
        intakeFeed.add(Feeds.event("intake", "intake.contact.registered", "37", contact, offered,
                ContactRegistered.newBuilder().setContactId(contact).setChannel("PHONE").setTenant("37")
                        .setRegisteredAt(offered.toString()).build()));
        intakeFeed.add(Feeds.event("intake", "intake.call.offered", "37", call, offered, CallOffered.newBuilder()
                .setCallId(call).setContactId(contact).setQueueId(queue).setRegionCode(queue)
                .setOfferedAt(offered.toString()).build()));
        intakeFeed.add(Feeds.event("intake", "intake.call.ended", "37", call, offered.plusSeconds(200),
                CallEnded.newBuilder().setCallId(call).setQueueId(queue).setRegionCode(queue).setAgentId(agent)
                        .setOfferedAt(offered.toString()).setAnsweredAt(offered.plusSeconds(5).toString())
                        .setEndedAt(offered.plusSeconds(200).toString()).setWaitSeconds(5).setHandleSeconds(195)
                        .setCategory(ServiceCategory.POLICY_ANSWER).build()));
        return new String[] { contact, call };
    }

    private void survey(String contact, String call, String agent, String channel, String answer, int score,
            long offset) {
        intakeFeed.add(Feeds.event("intake", "intake.survey.answered", "37", contact, day.plusSeconds(offset),
                SurveyAnswered.newBuilder().setContactId(contact).setTenant("37").setCallId(call == null ? "" : call)
                        .setAgentId(agent == null ? "" : agent).setQueueId(queue).setRegionCode(queue)
                        .setChannel(channel).setCategory(ServiceCategory.POLICY_ANSWER).setAnswer(answer)
                        .setScore(score).setAnsweredAt(day.plusSeconds(offset).toString()).build()));
    }

    private void review(String contact, String call, String agent, String queueNamed, boolean accurate, long offset) {
        String id = UUID.randomUUID().toString();
        evaluationFeed.add(Feeds.event("evaluation", "evaluation.answer.reviewed", "37", id, day.plusSeconds(offset),
                AnswerReviewed.newBuilder().setReviewId(id).setContactId(contact).setCallId(call == null ? "" : call)
                        .setAgentId(agent).setQueueId(queueNamed == null ? "" : queueNamed).setAccurate(accurate)
                        .setReviewedAt(day.plusSeconds(offset).toString()).build()));
    }

    private RequestSpecification leader(String by, String period) {
        return given().config(RestAssured.config().jsonConfig(
                        JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)))
                .header("Authorization", TestTokens.bearer("leader", "37"))
                .queryParam("from", day.toString()).queryParam("to", day.plusSeconds(86_400L).toString())
                .queryParam("period", period).queryParam("by", by);
    }

    @Test
    void satisfactionScoreAndAnswerAccuracyPerAgentQueueAndTenantMatchTheHandComputedValues() throws Throwable {
        String[] c1 = call(8 * 3600, agent1);
        String[] c2 = call(8 * 3600 + 600, agent1);
        String[] c3 = call(9 * 3600, agent2);
        String web = UUID.randomUUID().toString(); // a web message answered automatically: nobody's agent
        // Agent 1: 满意 (100) in the 08:00 half-hour, 不满意 (0) in the 08:30 one. Agent 2: 基本满意 (80).
        survey(c1[0], c1[1], agent1, "PHONE", "SATISFIED", 100, 8 * 3600 + 300);
        survey(c2[0], c2[1], agent1, "PHONE", "UNSATISFIED", 0, 8 * 3600 + 1900);
        survey(c3[0], c3[1], agent2, "PHONE", "BASICALLY_SATISFIED", 80, 9 * 3600 + 300);
        survey(web, null, null, "WEB", "SATISFIED", 100, 10 * 3600);
        intakeFeed.add(Feeds.event("intake", "intake.survey.answered", "37", c2[0], day.plusSeconds(8 * 3600 + 1900),
                intakeFeed.get(intakeFeed.size() - 3).payload(SurveyAnswered.class))); // delivered twice: counted once
        // Quality reviews: agent 1 accurate (queue from the call), inaccurate (queue named), accurate on a contact
        // appraisal has no call of (queue named); agent 2 accurate.
        review(c1[0], c1[1], agent1, null, true, 11 * 3600);
        review(c2[0], c2[1], agent1, queue, false, 11 * 3600 + 60);
        review(UUID.randomUUID().toString(), null, agent1, queue, true, 11 * 3600 + 120);
        review(c3[0], c3[1], agent2, null, true, 11 * 3600 + 180);
        Feeds.apply(intake, intakeFeed, 4);
        Feeds.apply(evaluation, evaluationFeed, 2);

        String r1 = "rows.find { it.key == '" + agent1 + "' }.";
        String r2 = "rows.find { it.key == '" + agent2 + "' }.";
        String none = "rows.find { it.key == '' }.";
        // Agent 1: (100 + 0) / 2 = 50; (1 + 0) / 2 satisfied; 2 of 3 answers accurate.
        leader("AGENT", "ALL").when().get("/api/v1/kpis/calls").then().statusCode(200)
                .body(r1 + "surveys", equalTo(2)).body(r1 + "surveysSatisfied", equalTo(1))
                .body(r1 + "surveysUnsatisfied", equalTo(1)).body(r1 + "satisfactionScore", equalTo(50.0))
                .body(r1 + "surveySatisfactionRate", equalTo(0.5))
                .body(r1 + "answersReviewed", equalTo(3)).body(r1 + "answersAccurate", equalTo(2))
                .body(r1 + "answerAccuracy", equalTo(0.666667))
                .body(r2 + "surveys", equalTo(1)).body(r2 + "surveysBasicallySatisfied", equalTo(1))
                .body(r2 + "satisfactionScore", equalTo(80.0)).body(r2 + "surveySatisfactionRate", equalTo(1.0))
                .body(r2 + "answerAccuracy", equalTo(1.0))
                .body(none + "surveys", equalTo(1)).body(none + "satisfactionScore", equalTo(100.0));
        // The queue and the tenant: (100 + 0 + 80 + 100) / 4 = 70; 3 of 4 satisfied or basically; 3 of 4 accurate.
        for (String[] by : new String[][] { { "QUEUE", queue }, { "TENANT", "37" } }) {
            String row = "rows.find { it.key == '" + by[1] + "' }.";
            leader(by[0], "ALL").when().get("/api/v1/kpis/calls").then().statusCode(200)
                    .body(row + "surveys", equalTo(4)).body(row + "satisfactionScore", equalTo(70.0))
                    .body(row + "surveySatisfactionRate", equalTo(0.75))
                    .body(row + "answersReviewed", equalTo(4)).body(row + "answerAccuracy", equalTo(0.75));
        }
        // Per half-hour of the answer: agent 1's two answers fall in two half-hours.
        leader("AGENT", "HALF_HOUR").when().get("/api/v1/kpis/calls").then().statusCode(200)
                .body("rows.find { it.key == '" + agent1 + "' && it.periodStart == '" + day.plusSeconds(8 * 3600)
                        + "' }.satisfactionScore", equalTo(100.0))
                .body("rows.find { it.key == '" + agent1 + "' && it.periodStart == '" + day.plusSeconds(8 * 3600 + 1800)
                        + "' }.satisfactionScore", equalTo(0.0));
        leader("CHANNEL", "ALL").when().get("/api/v1/kpis/calls").then().statusCode(200)
                .body("rows.find { it.key == 'WEB' }.satisfactionScore", equalTo(100.0));
        leader("AGENT", "ALL").queryParam("format", "csv").when().get("/api/v1/kpis/calls").then().statusCode(200)
                .contentType(startsWith("text/csv")).body(containsString("satisfactionScore"))
                .body(containsString("answerAccuracy"));

        // A scorecard that weighs them (a new settings version of tenant 37): region = the queue's pooling region.
        // satisfaction 70, accuracy 2 of 3 of the reviews whose call names the region = 66.67:
        // (3·70 + 1·66.67) / 4 = 69.17.
        int version = given().header("Authorization", TestTokens.bearer("tenant-admin", "37"))
                .contentType("application/json")
                .body(Map.of("scorecardWeights", Map.of("satisfactionScore", 3.0, "answerAccuracy", 1.0)))
                .when().put("/api/v1/kpi-settings").then().statusCode(200).extract().path("version");
        leader("REGION", "ALL").queryParam("settingsVersion", version).when().get("/api/v1/scorecards").then()
                .statusCode(200)
                .body("rows.find { it.key == '" + queue + "' }.satisfactionScore", equalTo(70.0))
                .body("rows.find { it.key == '" + queue + "' }.answerAccuracy", equalTo(66.67))
                .body("rows.find { it.key == '" + queue + "' }.composite", equalTo(69.17));
    }

    @Test
    void satisfactionAndAccuracyFiguresOpenToTheSurveysAndReviewsBehindThem() throws Throwable {
        String[] c1 = call(8 * 3600, agent1);
        String[] c2 = call(8 * 3600 + 600, agent1);
        String[] c3 = call(9 * 3600, agent2);
        survey(c1[0], c1[1], agent1, "PHONE", "SATISFIED", 100, 8 * 3600 + 300);
        survey(c2[0], c2[1], agent1, "PHONE", "UNSATISFIED", 0, 8 * 3600 + 1900);
        survey(c3[0], c3[1], agent2, "PHONE", "BASICALLY_SATISFIED", 80, 9 * 3600 + 300);
        review(c1[0], c1[1], agent1, null, true, 11 * 3600);
        review(c2[0], c2[1], agent1, queue, false, 11 * 3600 + 60);
        review(c3[0], c3[1], agent2, null, true, 11 * 3600 + 180);
        Feeds.apply(intake, intakeFeed, 3);
        Feeds.apply(evaluation, evaluationFeed, 3);

        // Agent 1's 满意度评分 of 50 is these two answers, in the order they were given.
        leader("AGENT", "ALL").queryParam("key", agent1).when().get("/api/v1/kpis/surveys/records").then()
                .statusCode(200).body("total", equalTo(2))
                .body("items.contactId", equalTo(List.of(c1[0], c2[0])))
                .body("items.answer", equalTo(List.of("SATISFIED", "UNSATISFIED")))
                .body("items.score", equalTo(List.of(100, 0))).body("items[0].callId", equalTo(c1[1]));
        // Agent 1's 解答准确率 of 1 in 2: the reviews, the queue taken from the call where the reviewer named none.
        leader("AGENT", "ALL").queryParam("key", agent1).when().get("/api/v1/kpis/answer-reviews/records").then()
                .statusCode(200).body("total", equalTo(2))
                .body("items.contactId", equalTo(List.of(c1[0], c2[0])))
                .body("items.accurate", equalTo(List.of(true, false)))
                .body("items.queueId", equalTo(List.of(queue, queue)));
        // By queue, both figures open to all three; another province's leader gets none of them.
        leader("QUEUE", "ALL").queryParam("key", queue).when().get("/api/v1/kpis/answer-reviews/records").then()
                .statusCode(200).body("total", equalTo(3));
        given().header("Authorization", TestTokens.bearer("leader", "42"))
                .queryParam("from", day.toString()).queryParam("to", day.plusSeconds(86_400L).toString())
                .queryParam("by", "QUEUE").queryParam("key", queue)
                .when().get("/api/v1/kpis/surveys/records").then().statusCode(200).body("total", equalTo(0));
        leader("NOT_A_DIMENSION", "ALL").when().get("/api/v1/kpis/surveys/records").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
