package org.hotline.routing.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hotline.common.audit.AccessAudit;
import org.hotline.events.outbox.EventOutbox;
import org.hotline.events.outbox.NewEvent;
import org.hotline.routing.domain.WorkOrder;
import org.hotline.routing.domain.WorkOrderHistory;

import static org.hotline.common.sql.NativeRow.arity;
import static org.hotline.common.sql.NativeRow.params;
import static org.hotline.common.sql.NativeRow.tuple;
import static org.hotline.common.sql.NativeRow.utc;

/**
 * Writes a new work order with its first trail entry, its {@code created} fact and its access-audit row as one SQL
 * statement: registering orders is what a surge does to routing (issue 15). Through Hibernate Reactive the same write
 * was a transaction of ten round trips and most of routing's CPU per order; one statement is atomic on its own, so
 * the trail, the fact and the audit row still commit with the order or not at all.
 */
@ApplicationScoped
public class WorkOrderWrites {

    /** The order's columns, in the order {@link #orderValues} gives them. */
    static final String ORDER_COLUMNS = "id, tenant, idempotency_key, request_hash, channel, category, subcategory, "
            + "priority, title, description, citizen_name, citizen_phone, address, region_code, pooling_region_code, "
            + "status, unit_id, first_responsible_unit_id, answerable_unit_id, pool_scope, pool_region_code, rule_id, "
            + "routing_decision, limit_value, limit_unit, accept_limit_hours, received_at, clock_started_at, "
            + "accept_by, due_at, warn_at, limit_working_minutes, deadline_year_without_data, warning_level, "
            + "returns_used, return_budget, reopen_count, supervised, status_notes, registered_by, created_at, "
            + "updated_at, version";
    static final String HISTORY_COLUMNS = "work_order_id, tenant, at, actor, action, from_status, to_status, unit_id, "
            + "reason";
    private static final int ORDER_ARITY = arity(ORDER_COLUMNS);
    private static final int HISTORY_ARITY = arity(HISTORY_COLUMNS);
    private static final int EVENT_ARITY = arity(EventOutbox.COLUMNS);
    private static final int AUDIT_ARITY = arity(AccessAudit.COLUMNS);

    private static final String ORDER_TRAIL_AND_FACT = "WITH new_order AS (INSERT INTO work_order (" + ORDER_COLUMNS
            + ") VALUES (" + params(1, ORDER_ARITY) + ")), new_entry AS (INSERT INTO work_order_history ("
            + HISTORY_COLUMNS + ") VALUES (" + params(ORDER_ARITY + 1, HISTORY_ARITY) + ")) INSERT INTO outbox_event ("
            + EventOutbox.COLUMNS + ") VALUES (" + params(ORDER_ARITY + HISTORY_ARITY + 1, EVENT_ARITY) + ")";
    private static final String ORDER_TRAIL_FACT_AND_AUDIT = "WITH new_order AS (INSERT INTO work_order ("
            + ORDER_COLUMNS + ") VALUES (" + params(1, ORDER_ARITY) + ")), new_entry AS (INSERT INTO work_order_history ("
            + HISTORY_COLUMNS + ") VALUES (" + params(ORDER_ARITY + 1, HISTORY_ARITY) + ")), new_fact AS (INSERT INTO "
            + "outbox_event (" + EventOutbox.COLUMNS + ") VALUES (" + params(ORDER_ARITY + HISTORY_ARITY + 1, EVENT_ARITY)
            + ")) INSERT INTO access_audit (" + AccessAudit.COLUMNS + ") VALUES ("
            + params(ORDER_ARITY + HISTORY_ARITY + EVENT_ARITY + 1, AUDIT_ARITY) + ")";
    /** Hibernate's positional parameters ({@code ?1}) for the statement run in the caller's transaction. */
    private static final String TRAIL_AND_FACT = ("WITH new_entry AS (INSERT INTO work_order_history (" + HISTORY_COLUMNS
            + ") VALUES (" + params(1, HISTORY_ARITY) + ")) INSERT INTO outbox_event (" + EventOutbox.COLUMNS + ") VALUES ("
            + params(HISTORY_ARITY + 1, EVENT_ARITY) + ")").replace('$', '?');
    private static final String AUDIT = "INSERT INTO access_audit (" + AccessAudit.COLUMNS + ") VALUES ("
            + params(1, AUDIT_ARITY) + ")";

    private final Pool pool;

    public WorkOrderWrites(Pool pool) {
        this.pool = pool;
    }

    /**
     * Inserts {@code order} with its trail {@code entry}, its {@code created} fact and, when given, the {@code audit}
     * row, in one statement. Fails with PostgreSQL's unique violation (23505) when the tenant's Idempotency-Key was
     * used before: nothing is written then.
     */
    public Uni<Void> insert(WorkOrder order, WorkOrderHistory entry, NewEvent created, AccessAudit.Entry audit) {
        List<Object> values = new ArrayList<>(ORDER_ARITY + HISTORY_ARITY + EVENT_ARITY + AUDIT_ARITY);
        values.addAll(orderValues(order));
        values.addAll(historyValues(entry));
        values.addAll(EventOutbox.values(created));
        if (audit != null) {
            values.addAll(audit.values(order.id.toString(), order.tenant));
        }
        return pool.preparedQuery(audit == null ? ORDER_TRAIL_AND_FACT : ORDER_TRAIL_FACT_AND_AUDIT)
                .execute(tuple(values)).replaceWithVoid();
    }

    /**
     * Appends a trail entry and its fact in the current Hibernate Reactive transaction, in one statement (a change
     * of an existing order: the order's own UPDATE is flushed by Hibernate before it, in the same transaction).
     */
    public Uni<Void> appendTrailAndFact(WorkOrderHistory entry, NewEvent fact) {
        List<Object> values = new ArrayList<>(HISTORY_ARITY + EVENT_ARITY);
        values.addAll(historyValues(entry));
        values.addAll(EventOutbox.values(fact));
        return Panache.currentTransaction()
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "appendTrailAndFact must run inside the change's transaction (@WithTransaction)"))
                .chain(tx -> Panache.getSession())
                .chain(session -> {
                    var query = session.createNativeQuery(TRAIL_AND_FACT);
                    for (int i = 0; i < values.size(); i++) {
                        query.setParameter(i + 1, values.get(i));
                    }
                    return query.executeUpdate();
                }).replaceWithVoid();
    }

    /** Inserts one audit row on its own (a replayed registration, which stores nothing else). */
    public Uni<Void> audit(AccessAudit.Entry audit, String id, String tenant) {
        return pool.preparedQuery(AUDIT).execute(tuple(audit.values(id, tenant))).replaceWithVoid();
    }

    static List<Object> orderValues(WorkOrder o) {
        return Arrays.asList(o.id, o.tenant, o.idempotencyKey, o.requestHash, o.channel.name(), o.category.name(),
                o.subcategory, o.priority.name(), o.title, o.description, o.citizenName, o.citizenPhone, o.address,
                o.regionCode, o.poolingRegionCode, o.status.name(), o.unitId, o.firstResponsibleUnitId,
                o.answerableUnitId, o.poolScope == null ? null : o.poolScope.name(), o.poolRegionCode, o.ruleId,
                o.routingDecision, o.limitValue, o.limitUnit.name(), o.acceptLimitHours, utc(o.receivedAt),
                utc(o.clockStartedAt), utc(o.acceptBy), utc(o.dueAt), utc(o.warnAt), o.limitWorkingMinutes,
                o.deadlineYearWithoutData, o.warningLevel, o.returnsUsed, o.returnBudget, o.reopenCount, o.supervised,
                o.statusNotes, o.registeredBy, utc(o.createdAt), utc(o.updatedAt), o.version);
    }

    static List<Object> historyValues(WorkOrderHistory h) {
        return Arrays.asList(h.workOrderId, h.tenant, utc(h.at), h.actor, h.action, h.fromStatus, h.toStatus, h.unitId,
                h.reason);
    }
}
