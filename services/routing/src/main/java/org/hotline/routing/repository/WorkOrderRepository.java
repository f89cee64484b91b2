package org.hotline.routing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hotline.routing.domain.WorkOrder;

/** Reads and stores work orders; the sweep's set-based statements live here too. */
@ApplicationScoped
@WithSession
public class WorkOrderRepository implements PanacheRepositoryBase<WorkOrder, UUID> {

    private static final String OPEN = "('DISPATCHED','POOLED','CLAIMED','ACCEPTED','RETURN_REQUESTED')";

    public Uni<WorkOrder> findByKey(String tenant, String idempotencyKey) {
        return find("tenant = ?1 and idempotencyKey = ?2", tenant, idempotencyKey).firstResult();
    }

    /** Orders matching the filters, soonest deadline first (paused and finished orders last). */
    public PanacheQuery<WorkOrder> search(String tenant, UUID unit, String status) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (!"*".equals(tenant)) {
            q.append(" and tenant = :tenant");
            p = p.and("tenant", tenant);
        }
        if (unit != null) {
            q.append(" and (unitId = :unit or answerableUnitId = :unit)");
            p = p.and("unit", unit);
        }
        if (status != null) {
            q.append(" and status = :status");
            p = p.and("status", org.hotline.routing.domain.WorkOrderStatus.valueOf(status));
        }
        q.append(" order by dueAt asc nulls last, createdAt, id");
        return find(q.toString(), p);
    }

    /** Pooled orders a unit in {@code regionCode} (or its city {@code cityCode}) may claim. */
    public PanacheQuery<WorkOrder> claimable(String tenant, String regionCode, String cityCode) {
        return find("tenant = ?1 and status = org.hotline.routing.domain.WorkOrderStatus.POOLED and "
                + "(poolScope = org.hotline.routing.domain.PoolScope.PROVINCE or poolRegionCode in (?2, ?3)) "
                + "order by dueAt asc nulls last, createdAt", tenant, regionCode, cityCode);
    }

    public Uni<Long> countOpenClaims(UUID unit) {
        return count("unitId = ?1 and status = org.hotline.routing.domain.WorkOrderStatus.CLAIMED", unit);
    }

    public PanacheQuery<WorkOrder> closedComplaints(String tenant, Instant from, Instant to) {
        String base = "category = org.hotline.common.category.ServiceCategory.FEEDBACK and closedAt >= ?1 and closedAt < ?2 "
                + "and status = org.hotline.routing.domain.WorkOrderStatus.CLOSED";
        return "*".equals(tenant) ? find(base + " order by closedAt, id", from, to)
                : find(base + " and tenant = ?3 order by closedAt, id", from, to, tenant);
    }

    /**
     * Returns claims not accepted within their lease to the pool; one statement, safe with several replicas.
     * Answers "orderId unitId" for each released claim.
     */
    public Uni<List<String>> releaseExpiredClaims(String replica) {
        String sql = """
                WITH expired AS (
                  SELECT id, unit_id FROM work_order
                  WHERE status = 'CLAIMED' AND claim_expires_at <= now() ORDER BY id FOR UPDATE SKIP LOCKED),
                released AS (
                  UPDATE work_order w SET status = 'POOLED', unit_id = NULL, claim_expires_at = NULL, updated_at = now(),
                    version = w.version + 1, status_notes = 'Claim not accepted in time; back in the claim pool'
                  FROM expired e WHERE w.id = e.id RETURNING w.id, w.tenant, e.unit_id AS old_unit),
                hist AS (
                  INSERT INTO work_order_history (work_order_id, tenant, at, actor, action, from_status, to_status, unit_id, reason)
                  SELECT id, tenant, now(), :actor, 'CLAIM_EXPIRED', 'CLAIMED', 'POOLED', old_unit,
                    'Not accepted within the claim lease' FROM released)
                SELECT CAST(id AS text) || ' ' || coalesce(CAST(old_unit AS text), '') FROM released
                """;
        return getSession().flatMap(s -> s.createNativeQuery(sql, String.class).setParameter("actor", "system:" + replica)
                .getResultList());
    }

    /**
     * Raises the yellow warning (share of the limit used) once per order and deadline: the unique key of
     * work_order_warning lets only one replica's insert through, and only inserted rows produce history, and are
     * answered (ids) so that the caller appends their events.
     */
    public Uni<List<String>> raiseYellowWarnings(String replica) {
        String sql = """
                WITH candidates AS (
                  SELECT id, tenant, due_at, unit_id FROM work_order
                  WHERE warning_level = 'NONE' AND warn_at <= now() AND due_at > now() AND status IN %s),
                raised AS (
                  INSERT INTO work_order_warning (id, work_order_id, tenant, level, due_at, unit_id, raised_by)
                  SELECT gen_random_uuid(), id, tenant, 'YELLOW', due_at, unit_id, :replica FROM candidates ORDER BY id
                  ON CONFLICT (work_order_id, level, due_at) DO NOTHING
                  RETURNING work_order_id, tenant, due_at, unit_id),
                marked AS (
                  UPDATE work_order w SET warning_level = 'YELLOW', updated_at = now()
                  FROM raised r WHERE w.id = r.work_order_id AND w.warning_level = 'NONE' RETURNING w.id),
                hist AS (
                  INSERT INTO work_order_history (work_order_id, tenant, at, actor, action, unit_id, reason)
                  SELECT work_order_id, tenant, now(), :actor, 'WARNING_YELLOW', unit_id,
                    'Most of the time limit is used; due ' || to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                  FROM raised)
                SELECT CAST(work_order_id AS text) FROM raised
                """.formatted(OPEN);
        return getSession().flatMap(s -> s.createNativeQuery(sql, String.class).setParameter("replica", replica)
                .setParameter("actor", "system:" + replica).getResultList());
    }

    /**
     * Raises the red warning once per overdue order and deadline and makes the order supervised (督办件).
     * Answers the ids of the orders it raised the warning for (their events are appended by the caller).
     */
    public Uni<List<String>> raiseRedWarnings(String replica) {
        String sql = """
                WITH candidates AS (
                  SELECT id, tenant, due_at, unit_id, supervised FROM work_order
                  WHERE warning_level <> 'RED' AND due_at <= now() AND status IN %s),
                raised AS (
                  INSERT INTO work_order_warning (id, work_order_id, tenant, level, due_at, unit_id, raised_by)
                  SELECT gen_random_uuid(), id, tenant, 'RED', due_at, unit_id, :replica FROM candidates ORDER BY id
                  ON CONFLICT (work_order_id, level, due_at) DO NOTHING
                  RETURNING work_order_id, tenant, due_at, unit_id),
                marked AS (
                  UPDATE work_order w SET warning_level = 'RED', supervised = TRUE, updated_at = now(),
                    status_notes = 'Overdue: supervised (督办)'
                  FROM raised r WHERE w.id = r.work_order_id RETURNING w.id),
                hist AS (
                  INSERT INTO work_order_history (work_order_id, tenant, at, actor, action, unit_id, reason)
                  SELECT work_order_id, tenant, now(), :actor, 'WARNING_RED', unit_id,
                    'Overdue; supervised automatically (督办)' FROM raised)
                SELECT CAST(work_order_id AS text) FROM raised
                """.formatted(OPEN);
        return getSession().flatMap(s -> s.createNativeQuery(sql, String.class).setParameter("replica", replica)
                .setParameter("actor", "system:" + replica).getResultList());
    }
}
