package org.hotline.appraisal.service;

import io.grpc.Channel;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hotline.appraisal.domain.WorkOrderFact;
import org.hotline.appraisal.domain.WorkOrderReturnFact;
import org.hotline.contracts.routing.v1.WorkOrderEvent;
import org.hotline.events.consumer.FeedEvent;
import org.hotline.events.consumer.FeedHandler;

/**
 * Turns routing's work-order facts into one {@code work_order_fact} row per order (its state after the latest fact
 * plus what happened to it) and one {@code work_order_return_fact} row per return step. Applied in feed order, so a
 * replay from position 0 into an empty database rebuilds exactly the same rows.
 */
@ApplicationScoped
public class RoutingFacts implements FeedHandler {

    static final String PREFIX = "routing.work-order.";

    private final Channel channel;

    public RoutingFacts(@GrpcClient("routing") Channel channel) {
        this.channel = channel;
    }

    @Override
    public String consumer() {
        return "appraisal-routing";
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
            return Uni.createFrom().voidItem(); // other kinds: nothing a KPI needs yet
        }
        WorkOrderEvent e = event.payload(WorkOrderEvent.class);
        String fact = event.type().substring(PREFIX.length());
        UUID id = UUID.fromString(e.getWorkOrderId());
        return WorkOrderFact.<WorkOrderFact>findById(id).chain(found -> {
            WorkOrderFact o = found != null ? found : new WorkOrderFact();
            boolean isNew = found == null;
            o.workOrderId = id;
            update(o, event.tenant(), fact, e, event.occurredAt());
            Uni<?> saved = isNew ? o.persist() : Uni.createFrom().item(o);
            if (fact.startsWith("return-")) {
                WorkOrderReturnFact r = new WorkOrderReturnFact();
                r.eventId = event.id();
                r.tenant = event.tenant();
                r.workOrderId = id;
                r.decision = switch (fact) {
                    case "return-requested" -> "REQUESTED";
                    case "return-approved" -> "APPROVED";
                    default -> "REFUSED";
                };
                Map<String, String> d = e.getDetailsMap();
                // The unit that asked to return: named in the details, else the unit holding it when it asked.
                r.unitId = d.getOrDefault("countsAgainstUnitId", d.getOrDefault("fromUnitId", blankToNull(e.getUnitId())));
                r.occurredAt = event.occurredAt();
                saved = saved.chain(() -> r.persist());
            }
            if ("created".equals(fact)) {
                saved = saved.chain(() -> ComplaintFacts.created(event, e));
            } else if ("callback-done".equals(fact) && !e.getCallbackDueAt().isEmpty()) {
                saved = saved.chain(() -> ComplaintFacts.followUpDone(event, e));
            }
            return saved.replaceWithVoid();
        });
    }

    /** The order's state after {@code fact}, and the marks the KPIs count. */
    static void update(WorkOrderFact o, String tenant, String fact, WorkOrderEvent e, Instant at) {
        o.tenant = tenant;
        o.status = e.getStatus();
        o.regionCode = blankToNull(e.getRegionCode());
        o.unitId = blankToNull(e.getUnitId());
        o.firstUnitId = blankToNull(e.getFirstResponsibleUnitId());
        o.category = blankToNull(e.getCategory());
        o.subcategory = blankToNull(e.getSubcategory());
        o.channel = blankToNull(e.getChannel());
        o.receivedAt = Instant.parse(e.getReceivedAt());
        o.dueAt = e.getDueAt().isEmpty() ? null : Instant.parse(e.getDueAt());
        o.supervised = e.getSupervised();
        o.reopenCount = e.getReopenCount();
        o.returnsUsed = e.getReturnsUsed();
        o.satisfaction = blankToNull(e.getSatisfaction());
        if (!e.getCallbackDueAt().isEmpty()) {
            o.callbackDueAt = Instant.parse(e.getCallbackDueAt());
        }
        switch (fact) {
            case "created" -> o.pooled = "POOLED".equals(e.getStatus());
            case "claimed" -> o.claimed = true;
            case "replied" -> {
                o.repliedAt = at;
                String onTime = e.getDetailsMap().get("onTime");
                o.repliedOnTime = onTime == null ? (o.dueAt == null || !at.isAfter(o.dueAt)) : Boolean.valueOf(onTime);
            }
            case "callback-done" -> o.callbackAt = at;
            case "closed" -> o.closedAt = at;
            case "reopened" -> {
                // Rework: open again with a fresh clock; the earlier reply no longer counts as the answer.
                o.repliedAt = null;
                o.repliedOnTime = null;
                o.callbackAt = null;
                o.callbackDueAt = null;
                o.closedAt = null;
            }
            default -> {
                // Other facts change only the state columns above.
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
