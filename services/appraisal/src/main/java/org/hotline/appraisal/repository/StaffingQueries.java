package org.hotline.appraisal.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Per queue and half-hour: arrivals, handle time and what patience the abandons show. */
@ApplicationScoped
public class StaffingQueries {

    /**
     * Rows of (half-hour start, arrivals, handled calls, handle-seconds sum, abandons, wait-seconds sum of every
     * call that waited to an answer or a hang-up) for one queue (null: every queue of the tenant) in [from, to).
     */
    @WithSession
    public Uni<List<Object[]>> halfHours(String tenant, String queue, Instant from, Instant to) {
        String sql = "SELECT date_bin('30 minutes', offered_at, timestamptz '2000-01-01T00:00:00Z'), count(*), "
                + "count(*) FILTER (WHERE handle_seconds IS NOT NULL), coalesce(sum(handle_seconds), 0), "
                + "count(*) FILTER (WHERE answered_at IS NULL AND abandoned_at IS NOT NULL), "
                + "coalesce(sum(wait_seconds), 0) FROM call_fact WHERE offered_at >= :from AND offered_at < :to"
                + (tenant == null ? "" : " AND tenant = :tenant") + (queue == null ? "" : " AND queue_id = :queue")
                + " GROUP BY 1 ORDER BY 1";
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Object[].class).setParameter("from", from).setParameter("to", to);
            if (tenant != null) {
                q.setParameter("tenant", tenant);
            }
            if (queue != null) {
                q.setParameter("queue", queue);
            }
            return q.getResultList();
        });
    }
}
