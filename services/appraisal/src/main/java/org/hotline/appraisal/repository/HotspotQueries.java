package org.hotline.appraisal.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The complaints (work orders of category FEEDBACK, 问题反馈) a hotspot query looks at, from complaint_fact. */
@ApplicationScoped
public class HotspotQueries {

    /**
     * Rows of (tenant, work order id, received at, region, address, address key, estate key, estate label, terms)
     * received in [from, to), one tenant or all (null), in time order; at most {@code limit}.
     */
    @WithSession
    public Uni<List<Object[]>> complaints(String tenant, Instant from, Instant to, int limit) {
        String sql = "SELECT tenant, work_order_id, received_at, region_code, subject_address, address_key, estate_key, "
                + "estate_label, terms FROM complaint_fact WHERE category = 'FEEDBACK' AND received_at >= :from "
                + "AND received_at < :to" + (tenant == null ? "" : " AND tenant = :tenant")
                + " ORDER BY received_at, work_order_id LIMIT :limit";
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Object[].class).setParameter("from", from).setParameter("to", to)
                    .setParameter("limit", limit);
            if (tenant != null) {
                q.setParameter("tenant", tenant);
            }
            return q.getResultList();
        });
    }

    /**
     * Rows of (alert id, tenant, kind, work order id, alerted at, acknowledged at, acknowledged by): every case of the
     * hotspot alerts whose cases reach into [from, to), one tenant or all (null), oldest alert first.
     */
    @WithSession
    public Uni<List<Object[]>> alerts(String tenant, Instant from, Instant to) {
        String sql = "SELECT a.id, a.tenant, a.kind, c.work_order_id, a.alerted_at, a.acknowledged_at, a.acknowledged_by "
                + "FROM hotspot_alert a JOIN hotspot_alert_case c ON c.alert_id = a.id WHERE a.window_end >= :from "
                + "AND a.window_start < :to" + (tenant == null ? "" : " AND a.tenant = :tenant")
                + " ORDER BY a.alerted_at, a.id";
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Object[].class).setParameter("from", from).setParameter("to", to);
            if (tenant != null) {
                q.setParameter("tenant", tenant);
            }
            return q.getResultList();
        });
    }
}
