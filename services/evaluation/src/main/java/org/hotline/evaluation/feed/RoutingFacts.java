package org.hotline.evaluation.feed;

import io.grpc.Channel;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.hotline.contracts.routing.v1.WorkOrderEvent;
import org.hotline.evaluation.config.EvaluationConfig;
import org.hotline.evaluation.domain.EvaluationCase;
import org.hotline.evaluation.repository.CaseRepository;
import org.hotline.events.consumer.FeedEvent;
import org.hotline.events.consumer.FeedHandler;

/**
 * Follows routing's work-order feed: a complaint that is replied (or closed) becomes a case to evaluate, and every
 * later fact about it updates the case (callback satisfaction, reopen, reply after rework, supervision).
 */
@ApplicationScoped
public class RoutingFacts implements FeedHandler {

    static final String PREFIX = "routing.work-order.";

    private final Channel channel;
    private final CaseRepository cases;
    private final EvaluationConfig config;

    public RoutingFacts(@GrpcClient("routing") Channel channel, CaseRepository cases, EvaluationConfig config) {
        this.channel = channel;
        this.cases = cases;
        this.config = config;
    }

    @Override
    public String consumer() {
        return "evaluation-routing";
    }

    @Override
    public String feed() {
        return "routing";
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public Uni<Void> apply(FeedEvent event) {
        if (!event.type().startsWith(PREFIX) || !event.is(WorkOrderEvent.class)) {
            return Uni.createFrom().voidItem();
        }
        WorkOrderEvent fact = event.payload(WorkOrderEvent.class);
        if (!config.sampling().categories().contains(fact.getCategory())) {
            return Uni.createFrom().voidItem();
        }
        String kind = event.type().substring(PREFIX.length());
        UUID workOrderId = UUID.fromString(fact.getWorkOrderId());
        return cases.findByWorkOrder(workOrderId).chain(existing -> {
            if (existing == null) {
                if (!("replied".equals(kind) || "callback-done".equals(kind) || "closed".equals(kind))) {
                    return Uni.createFrom().voidItem();
                }
                EvaluationCase c = newCase(event, fact, workOrderId);
                update(c, event, fact, kind);
                return Panache.getSession().chain(s -> s.persist(c)).replaceWithVoid();
            }
            update(existing, event, fact, kind);
            return Uni.createFrom().voidItem();
        });
    }

    private static EvaluationCase newCase(FeedEvent event, WorkOrderEvent fact, UUID workOrderId) {
        EvaluationCase c = new EvaluationCase();
        c.id = UUID.randomUUID();
        c.tenant = event.tenant();
        c.workOrderId = workOrderId;
        c.category = fact.getCategory();
        c.stage = EvaluationCase.Stage.NEW;
        c.round = 1;
        c.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return c;
    }

    /** The case after one fact; facts arrive in feed order, so the last one wins. */
    public static void update(EvaluationCase c, FeedEvent event, WorkOrderEvent fact, String kind) {
        c.routingStatus = fact.getStatus();
        c.subcategory = blankToNull(fact.getSubcategory());
        c.regionCode = fact.getRegionCode();
        c.poolingRegionCode = blankToNull(fact.getPoolingRegionCode());
        if (!fact.getUnitId().isBlank()) {
            c.unitId = UUID.fromString(fact.getUnitId());
        }
        if (!fact.getFirstResponsibleUnitId().isBlank()) {
            c.firstResponsibleUnitId = UUID.fromString(fact.getFirstResponsibleUnitId());
        }
        c.reopenCount = fact.getReopenCount();
        c.supervised = fact.getSupervised();
        c.dueAt = fact.getDueAt().isBlank() ? null : Instant.parse(fact.getDueAt());
        if (!fact.getSatisfaction().isBlank()) {
            c.callbackSatisfaction = fact.getSatisfaction();
        }
        c.routingUpdatedAt = event.occurredAt();
        c.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        switch (kind) {
            case "replied" -> {
                c.repliedAt = event.occurredAt();
                // Only a reply after the rework's reopen was seen counts as the case coming back.
                if (c.stage == EvaluationCase.Stage.REWORK && c.reworkDueAt != null) {
                    c.stage = EvaluationCase.Stage.REWORK_REPLIED;
                    c.reworkDueAt = null;
                }
            }
            case "callback-done" -> {
                // A complainant unsatisfied at the callback is always sampled, even if an earlier run left it out.
                if ("UNSATISFIED".equals(fact.getSatisfaction()) && Boolean.FALSE.equals(c.sampled)
                        && c.stage == EvaluationCase.Stage.NEW) {
                    c.sampled = null;
                    c.sampleReason = null;
                }
            }
            case "reopened" -> {
                if (c.stage == EvaluationCase.Stage.REWORK) {
                    // A paused clock has no deadline: the rework then waits (30 days) rather than being skipped.
                    c.reworkDueAt = c.dueAt != null ? c.dueAt : event.occurredAt().plus(30, ChronoUnit.DAYS);
                }
            }
            default -> {
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
