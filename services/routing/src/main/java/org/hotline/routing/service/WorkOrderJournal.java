package org.hotline.routing.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hotline.routing.domain.WorkOrder;
import org.hotline.routing.domain.WorkOrderHistory;
import org.hotline.routing.domain.WorkOrderStatus;
import org.hotline.routing.repository.RoutingEventRepository;
import org.hotline.routing.repository.WorkOrderHistoryRepository;

/**
 * Records every transition of a work order three ways in the same transaction: the audit trail (who, when, why), an
 * outbox event for appraisal and evaluation, and a metric. No personal data goes into events or metrics.
 */
@ApplicationScoped
public class WorkOrderJournal {

    private final WorkOrderHistoryRepository history;
    private final RoutingEventRepository events;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public WorkOrderJournal(WorkOrderHistoryRepository history, RoutingEventRepository events, ObjectMapper json,
            MeterRegistry metrics) {
        this.history = history;
        this.events = events;
        this.json = json;
        this.metrics = metrics;
    }

    /**
     * Appends {@code action} to the trail and publishes {@code routing.work-order.<eventName>} (when not null).
     */
    public Uni<WorkOrder> record(WorkOrder order, Caller caller, String action, WorkOrderStatus from, String reason,
            String eventName, Map<String, Object> extra) {
        Instant now = Instant.now();
        WorkOrderHistory h = new WorkOrderHistory();
        h.workOrderId = order.id;
        h.tenant = order.tenant;
        h.at = now;
        h.actor = caller.subject();
        h.action = action;
        h.fromStatus = from == null ? null : from.name();
        h.toStatus = order.status.name();
        h.unitId = order.unitId;
        h.reason = reason == null ? null : reason.length() > 4000 ? reason.substring(0, 4000) : reason;
        metrics.counter("hotline_routing_work_order_transitions_total", "tenant", order.tenant, "action", action)
                .increment();
        Uni<WorkOrderHistory> appended = history.persist(h);
        if (eventName == null) {
            return appended.replaceWith(order);
        }
        return appended.flatMap(x -> events.append("routing.work-order." + eventName, order.tenant, order.id, now,
                payload(order, extra))).replaceWith(order);
    }

    private String payload(WorkOrder o, Map<String, Object> extra) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("workOrderId", o.id.toString());
        p.put("status", o.status.name());
        p.put("category", o.category.name());
        p.put("subcategory", o.subcategory);
        p.put("channel", o.channel.name());
        p.put("regionCode", o.regionCode);
        p.put("poolingRegionCode", o.poolingRegionCode);
        p.put("unitId", o.unitId == null ? null : o.unitId.toString());
        p.put("firstResponsibleUnitId", o.firstResponsibleUnitId == null ? null : o.firstResponsibleUnitId.toString());
        p.put("receivedAt", o.receivedAt.toString());
        p.put("dueAt", o.dueAt == null ? null : o.dueAt.toString());
        p.put("supervised", o.supervised);
        p.put("reopenCount", o.reopenCount);
        p.put("returnsUsed", o.returnsUsed);
        p.put("satisfaction", o.satisfaction);
        if (extra != null) {
            p.putAll(extra);
        }
        try {
            return json.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payload not serialisable", e);
        }
    }
}
