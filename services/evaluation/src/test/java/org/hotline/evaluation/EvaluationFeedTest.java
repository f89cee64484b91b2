package org.hotline.evaluation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.hotline.contracts.evaluation.v1.EvaluationRecorded;
import org.hotline.contracts.events.v1.EventEnvelope;
import org.hotline.contracts.events.v1.EventFeedGrpc;
import org.hotline.contracts.events.v1.FeedMessage;
import org.hotline.contracts.events.v1.SubscribeRequest;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EvaluationFeedTest {

    @TestHTTPResource("/")
    URL root;

    @jakarta.inject.Inject
    org.hotline.evaluation.feed.RoutingFacts facts;

    /** A complaint of tenant 37 replied in routing, known to evaluation through routing's feed. */
    private UUID knownCase() throws Throwable {
        var order = Fixtures.order("37", "370300", UUID.randomUUID(), null, null).build();
        Fixtures.fact(facts, "replied", order);
        return UUID.fromString(order.getId());
    }

    private static Map<String, Object> draft(UUID workOrder, String verdict, int score) {
        return Map.of("workOrderId", workOrder.toString(), "regionCode", "370300", "verdict", verdict, "score", score);
    }

    @Test
    void recordedEvaluationIsPublishedOnTheFeedWithItsTypedPayload() throws Throwable {
        UUID workOrder = knownCase();
        String id = given().header("Authorization", TestTokens.bearer("evaluator", "37"))
                .contentType("application/json").body(draft(workOrder, "UNSATISFIED", 2))
                .when().post("/api/v1/evaluations")
                .then().statusCode(201)
                .header("Location", startsWith(root.toString().replaceAll("/$", "") + "/api/v1/evaluations/"))
                .body("tenant", equalTo("37"))
                .extract().path("id");

        EventEnvelope event = findOnFeed(id);
        assertEquals("evaluation.evaluation.recorded", event.getType());
        assertEquals("37", event.getTenant());
        assertEquals(1, event.getPayloadVersion());
        EvaluationRecorded payload = event.getPayload().unpack(EvaluationRecorded.class);
        assertEquals(workOrder.toString(), payload.getWorkOrderId());
        assertEquals("UNSATISFIED", payload.getVerdict());
        assertEquals(2, payload.getScore());
    }

    @Test
    void retryWithSameIdempotencyKeyRecordsOnlyOnce() throws Throwable {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = draft(knownCase(), "SATISFIED", 5);
        String first = given().header("Authorization", TestTokens.bearer("evaluator", "37")).header("Idempotency-Key", key)
                .contentType("application/json").body(body)
                .when().post("/api/v1/evaluations").then().statusCode(201).extract().path("id");
        given().header("Authorization", TestTokens.bearer("evaluator", "37")).header("Idempotency-Key", key)
                .contentType("application/json").body(body)
                .when().post("/api/v1/evaluations").then().statusCode(200).body("id", equalTo(first));
    }

    @Test
    void sameKeyWithAnotherBodyIsRefusedAndAnotherTenantsSameSubjectGetsNothingBack() throws Throwable {
        String key = UUID.randomUUID().toString();
        UUID workOrder = knownCase();
        given().header("Authorization", TestTokens.bearer("evaluator", "37")).header("Idempotency-Key", key)
                .contentType("application/json").body(draft(workOrder, "SATISFIED", 5))
                .when().post("/api/v1/evaluations").then().statusCode(201);
        given().header("Authorization", TestTokens.bearer("evaluator", "37")).header("Idempotency-Key", key)
                .contentType("application/json").body(draft(workOrder, "UNSATISFIED", 1))
                .when().post("/api/v1/evaluations").then().statusCode(422)
                .body("type", org.hamcrest.Matchers.endsWith("idempotency-key-reused"));
        // A tenant-42 token with the same subject and key: its own scope, and 37's work order is not found there.
        given().header("Authorization", Fixtures.bearer("evaluator@37", "evaluator", "42")).header("Idempotency-Key", key)
                .contentType("application/json").body(Map.of("workOrderId", workOrder.toString(), "regionCode", "420100",
                        "verdict", "SATISFIED", "score", 5))
                .when().post("/api/v1/evaluations").then().statusCode(404).body("type",
                        org.hamcrest.Matchers.endsWith("case-not-found"));
    }

    @Test
    void evaluationOfAWorkOrderOfAnotherTenantIsRefusedEvenWithAMatchingRegion() throws Throwable {
        UUID workOrder = knownCase();
        // Region 420100 makes the draft tenant 42 and the caller is of 42, but the work order is Shandong's.
        given().header("Authorization", TestTokens.bearer("evaluator", "42"))
                .contentType("application/json").body(Map.of("workOrderId", workOrder.toString(), "regionCode", "420100",
                        "verdict", "SATISFIED", "score", 5))
                .when().post("/api/v1/evaluations").then().statusCode(404);
        given().header("Authorization", TestTokens.bearer("evaluator", "37"))
                .contentType("application/json").body(draft(UUID.randomUUID(), "SATISFIED", 5))
                .when().post("/api/v1/evaluations").then().statusCode(404);
    }

    @Test
    void overlongIdempotencyKeyIsABadRequestNamingTheHeader() throws Throwable {
        given().header("Authorization", TestTokens.bearer("evaluator", "37")).header("Idempotency-Key", "k".repeat(129))
                .contentType("application/json").body(draft(knownCase(), "SATISFIED", 5))
                .when().post("/api/v1/evaluations").then().statusCode(400)
                .body("violations[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void refusesEvaluationOfAnotherTenantsCase() {
        given().header("Authorization", TestTokens.bearer("evaluator", "42"))
                .contentType("application/json").body(draft(UUID.randomUUID(), "SATISFIED", 5))
                .when().post("/api/v1/evaluations")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void rejectsScoreOutOfRangeAsProblem() {
        given().header("Authorization", TestTokens.bearer("evaluator", "37"))
                .contentType("application/json").body(draft(UUID.randomUUID(), "SATISFIED", 9))
                .when().post("/api/v1/evaluations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("score"));
    }

    @Test
    void importIsReservedToThePlatformOperator() {
        given().header("Authorization", TestTokens.bearer("evaluator", "37"))
                .contentType("application/json")
                .body(Map.of("evaluations", java.util.List.of(draft(UUID.randomUUID(), "SATISFIED", 5))))
                .when().post("/api/v1/evaluation-imports")
                .then().statusCode(403);
    }

    @Test
    void importPublishesOneEventPerEvaluation() throws Exception {
        UUID workOrder = UUID.randomUUID();
        given().header("Authorization", TestTokens.bearer("platform-operator", "*"))
                .contentType("application/json")
                .body(Map.of("evaluations", java.util.List.of(draft(workOrder, "SATISFIED", 5),
                        draft(workOrder, "UNSATISFIED", 1))))
                .when().post("/api/v1/evaluation-imports")
                .then().statusCode(200).body("imported", equalTo(2));
    }

    @Test
    void feedRefusesCallersWithoutServiceToken() throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forAddress(root.getHost(), root.getPort()).usePlaintext().build();
        try {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                    TestTokens.bearer("evaluator", "37"));
            Iterator<FeedMessage> stream = EventFeedGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .subscribe(SubscribeRequest.newBuilder().setFromPosition(0).build());
            StatusRuntimeException refused = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                    stream::hasNext);
            assertEquals(io.grpc.Status.Code.PERMISSION_DENIED, refused.getStatus().getCode());
        } finally {
            channel.shutdownNow();
        }
    }

    /** Follows the feed from the start until the event about {@code aggregateId} arrives. */
    private EventEnvelope findOnFeed(String aggregateId) throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forAddress(root.getHost(), root.getPort()).usePlaintext().build();
        try {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                    TestTokens.bearer("service", "*"));
            Iterator<FeedMessage> stream = EventFeedGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .subscribe(SubscribeRequest.newBuilder().setFromPosition(0).setConsumer("evaluation-test").build());
            long last = 0;
            while (stream.hasNext()) {
                FeedMessage message = stream.next();
                if (message.hasEvent()) {
                    EventEnvelope e = message.getEvent();
                    if (e.getPosition() <= last) {
                        throw new AssertionError("Positions must increase: " + e.getPosition() + " after " + last);
                    }
                    last = e.getPosition();
                    if (e.getAggregateId().equals(aggregateId)) {
                        return e;
                    }
                }
            }
            throw new AssertionError("Feed ended without the event");
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void recordingAndReadingAnEvaluationAreInTheAccessAuditOfItsProvinceOnly() throws Throwable {
        String evaluator = TestTokens.bearer("evaluator", "37");
        String id = given().header("Authorization", evaluator).contentType("application/json")
                .body(draft(knownCase(), "SATISFIED", 5))
                .when().post("/api/v1/evaluations").then().statusCode(201).extract().path("id");
        given().header("Authorization", evaluator).when().get("/api/v1/evaluations/" + id).then().statusCode(200);
        given().header("Authorization", TestTokens.bearer("evaluator", "42")).when().get("/api/v1/evaluations/" + id)
                .then().statusCode(404);
        given().header("Authorization", TestTokens.bearer("tenant-admin", "37"))
                .when().get("/api/v1/audit-events?resourceType=evaluation&resourceId=" + id)
                .then().statusCode(200).body("total", equalTo(2))
                .body("items.action", org.hamcrest.Matchers.contains("READ", "CREATE"))
                .body("items.subject", org.hamcrest.Matchers.everyItem(equalTo("evaluator@37")))
                .body("items.tenant", org.hamcrest.Matchers.everyItem(equalTo("37")));
        given().header("Authorization", TestTokens.bearer("tenant-admin", "42"))
                .when().get("/api/v1/audit-events?resourceId=" + id).then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", TestTokens.bearer("tenant-admin", "42"))
                .when().get("/api/v1/audit-events?tenant=37").then().statusCode(403);
        given().header("Authorization", evaluator).when().get("/api/v1/audit-events").then().statusCode(403);
    }
}
