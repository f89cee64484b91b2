package org.hotline.evaluation;

import com.google.protobuf.Any;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.hotline.contracts.events.v1.EventEnvelope;
import org.hotline.contracts.routing.v1.WorkOrder;
import org.hotline.contracts.routing.v1.WorkOrderEvent;
import org.hotline.evaluation.feed.RoutingFacts;
import org.hotline.events.consumer.FeedEvent;
import org.hotline.testing.TestKeys;
import org.hotline.testing.TestTokens;

/** Test data: tokens with chosen subjects, routing's work-order facts applied to the handler, orders in the stand-in. */
final class Fixtures {

    private static final AtomicLong POSITION = new AtomicLong(System.currentTimeMillis());

    private Fixtures() {
    }

    /** A bearer token for {@code subject} with {@code role} in {@code tenant}. */
    static String bearer(String subject, String role, String tenant) {
        return "Bearer " + Jwt.issuer(TestTokens.ISSUER).upn(subject).subject(subject).groups(role)
                .claim("tenant", tenant).expiresIn(Duration.ofHours(1)).jws().keyId("test")
                .sign(TestKeys.get().privateKey());
    }

    /**
     * The sum of a counter's series on /q/metrics whose labels include every one of {@code labels}
     * ({@code tenant="37"}); 0 when there is none yet.
     */
    static double metric(String name, String... labels) {
        String body = io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200).extract()
                .asString();
        return body.lines().filter(l -> l.startsWith(name + "{"))
                .filter(l -> java.util.Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** A work order as routing holds it, replied by {@code unit}. */
    static WorkOrder.Builder order(String tenant, String region, UUID unit, String address, String phoneMasked) {
        return WorkOrder.newBuilder().setId(UUID.randomUUID().toString()).setTenant(tenant).setStatus("REPLIED")
                .setCategory("FEEDBACK").setTitle("医保报销被拒").setRegionCode(region).setPoolingRegionCode(region)
                .setUnitId(unit.toString()).setFirstResponsibleUnitId(unit.toString())
                .setAddress(address == null ? "" : address).setCitizenPhoneMasked(phoneMasked == null ? "" : phoneMasked)
                .setReply("已按政策答复").setRepliedAt(Instant.now().toString());
    }

    /**
     * Applies routing's fact {@code kind} about {@code order} (its state after the fact) as the feed would: a fact that
     * lost a race with a job changing the same case (optimistic lock) is applied again, as the feed consumer retries
     * a failed event from its position.
     */
    static void fact(RoutingFacts facts, String kind, WorkOrder order) throws Throwable {
        WorkOrderEvent payload = WorkOrderEvent.newBuilder().setWorkOrderId(order.getId()).setStatus(order.getStatus())
                .setCategory(order.getCategory()).setRegionCode(order.getRegionCode())
                .setPoolingRegionCode(order.getPoolingRegionCode()).setUnitId(order.getUnitId())
                .setFirstResponsibleUnitId(order.getFirstResponsibleUnitId()).setDueAt(order.getExpectedAt())
                .setSupervised(order.getSupervised()).setReopenCount(order.getReopenCount())
                .setSatisfaction(order.getSatisfaction()).build();
        FeedEvent event = new FeedEvent("routing", EventEnvelope.newBuilder().setId(UUID.randomUUID().toString())
                .setType("routing.work-order." + kind).setTenant(order.getTenant()).setAggregateId(order.getId())
                .setPosition(POSITION.incrementAndGet()).setOccurredAt(Instant.now().toString()).setPayloadVersion(1)
                .setPayload(Any.pack(payload)).build());
        for (int attempt = 1; ; attempt++) {
            try {
                VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> facts.apply(event)));
                return;
            } catch (jakarta.persistence.OptimisticLockException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }
}
