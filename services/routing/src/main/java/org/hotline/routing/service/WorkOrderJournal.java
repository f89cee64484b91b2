package org.hotline.routing.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hotline.contracts.routing.v1.WorkOrderEvent;
import org.hotline.events.outbox.EventOutbox;
import org.hotline.events.outbox.NewEvent;
import org.hotline.routing.domain.WorkOrder;
import org.hotline.routing.domain.WorkOrderHistory;
import org.hotline.routing.domain.WorkOrderStatus;
import org.hotline.routing.repository.WorkOrderHistoryRepository;
import org.hotline.routing.repository.WorkOrderWrites;

/**
 * Records every transition of a work order three ways in the same transaction: the audit trail (who, when, why), an
 * event on routing's feed (hotline-events outbox) for appraisal and evaluation, and a metric. No personal data goes
 * into events or metrics.
 */
@ApplicationScoped
public class WorkOrderJournal {

    /** Prefix of every event type routing publishes. */
    public static final String EVENT_PREFIX = "routing.work-order.";

    private static final java.util.regex.Pattern LONG_DIGITS = java.util.regex.Pattern.compile("\\d{7,}");

    private final WorkOrderHistoryRepository history;
    private final EventOutbox outbox;
    private final WorkOrderWrites writes;
    private final MeterRegistry metrics;

    public WorkOrderJournal(WorkOrderHistoryRepository history, EventOutbox outbox, WorkOrderWrites writes,
            MeterRegistry metrics) {
        this.history = history;
        this.outbox = outbox;
        this.writes = writes;
        this.metrics = metrics;
    }

    /**
     * Appends {@code action} to the trail and publishes {@code routing.work-order.<eventName>} (when not null).
     */
    public Uni<WorkOrder> record(WorkOrder order, Caller caller, String action, WorkOrderStatus from, String reason,
            String eventName, Map<String, ?> details) {
        count(order, action);
        WorkOrderHistory entry = entry(order, caller, action, from, reason);
        if (eventName == null) {
            return history.persist(entry).replaceWith(order);
        }
        // One statement for both: a change is already four round trips (read, update, audit, commit) without them.
        return writes.appendTrailAndFact(entry, fact(order, caller, eventName, details)).replaceWith(order);
    }

    /**
     * The trail entry of {@code action}, for a writer that stores it itself (a new order's single statement, which
     * then {@link #count}s it); {@link #record} is the usual way.
     */
    public WorkOrderHistory entry(WorkOrder order, Caller caller, String action, WorkOrderStatus from, String reason) {
        WorkOrderHistory h = new WorkOrderHistory();
        h.workOrderId = order.id;
        h.tenant = order.tenant;
        h.at = Instant.now();
        h.actor = caller.subject();
        h.action = action;
        h.fromStatus = from == null ? null : from.name();
        h.toStatus = order.status.name();
        h.unitId = order.unitId;
        h.reason = reason == null ? null : reason.length() > 4000 ? reason.substring(0, 4000) : reason;
        return h;
    }

    /** Counts a transition stored (hotline_routing_work_order_transitions_total). */
    public void count(WorkOrder order, String action) {
        metrics.counter("hotline_routing_work_order_transitions_total", "tenant", order.tenant, "action", action)
                .increment();
    }

    /** The fact {@code routing.work-order.<eventName>} of the order as it is now. */
    public NewEvent fact(WorkOrder order, Caller caller, String eventName, Map<String, ?> details) {
        return event(order, eventName, details, caller.subject());
    }

    /** Publishes one fact per order (the sweep writes the trail itself, in its set-based statements). */
    public Uni<Void> publish(List<WorkOrder> orders, String eventName, Function<WorkOrder, Map<String, ?>> details) {
        orders.forEach(o -> metrics.counter("hotline_routing_work_order_transitions_total", "tenant", o.tenant,
                "action", eventName).increment());
        return outbox.appendAll(orders.stream().map(o -> event(o, eventName, details.apply(o), null)).toList());
    }

    private static NewEvent event(WorkOrder o, String eventName, Map<String, ?> details, String actor) {
        WorkOrderEvent.Builder b = WorkOrderEvent.newBuilder()
                .setWorkOrderId(o.id.toString()).setStatus(o.status.name()).setCategory(o.category.name())
                .setChannel(o.channel.name()).setRegionCode(o.regionCode).setPoolingRegionCode(o.poolingRegionCode)
                .setReceivedAt(o.receivedAt.toString()).setSupervised(o.supervised).setReopenCount(o.reopenCount)
                .setReturnsUsed(o.returnsUsed);
        if (o.subcategory != null) {
            b.setSubcategory(o.subcategory);
        }
        if (o.unitId != null) {
            b.setUnitId(o.unitId.toString());
        }
        if (o.firstResponsibleUnitId != null) {
            b.setFirstResponsibleUnitId(o.firstResponsibleUnitId.toString());
        }
        if (o.dueAt != null) {
            b.setDueAt(o.dueAt.toString());
        }
        if (o.satisfaction != null) {
            b.setSatisfaction(o.satisfaction);
        }
        if (o.callbackDueAt != null) {
            b.setCallbackDueAt(o.callbackDueAt.toString());
        }
        if ("created".equals(eventName)) {
            // What the complaint is about (appraisal's hotspots); never the citizen's name or number.
            if (o.address != null) {
                b.setSubjectAddress(masked(o.address, 300));
            }
            b.setSummary(summary(o));
        }
        if ("callback-done".equals(eventName) && actor != null) {
            b.setCallbackAgentId(actor);
        }
        if (details != null) {
            details.forEach((k, v) -> {
                if (v != null && !String.valueOf(v).isEmpty()) {
                    b.putDetails(k, String.valueOf(v));
                }
            });
        }
        return NewEvent.of(EVENT_PREFIX + eventName, o.tenant, o.id.toString(), b.build());
    }

    /** The title and the description's start, 200 characters at most, phone- or ID-like digit runs masked. */
    static String summary(WorkOrder o) {
        String title = o.title == null ? "" : o.title.strip();
        String description = o.description == null ? "" : o.description.strip();
        return masked(title.isEmpty() ? description : description.isEmpty() ? title : title + "：" + description, 200);
    }

    private static String masked(String text, int max) {
        // Compiled once: String.replaceAll would compile the pattern for every created order.
        String t = text.strip();
        return LONG_DIGITS.matcher(t.length() > max ? t.substring(0, max) : t).replaceAll("***");
    }
}
