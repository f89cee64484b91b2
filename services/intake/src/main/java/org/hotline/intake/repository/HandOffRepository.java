package org.hotline.intake.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hotline.intake.domain.Channel;
import org.hotline.intake.domain.HandOff;
import org.hotline.intake.domain.HandOffStatus;

/** Stores hand-offs (the work-order outbox). */
@ApplicationScoped
@WithSession
public class HandOffRepository implements PanacheRepositoryBase<HandOff, UUID> {

    /** Pending hand-offs whose next attempt is due, oldest first. */
    public Uni<List<HandOff>> due(Instant now, int limit) {
        return find("status = ?1 and nextAttemptAt <= ?2", Sort.by("nextAttemptAt"), HandOffStatus.PENDING, now)
                .page(Page.ofSize(limit)).list();
    }

    public Uni<HandOff> findByQueryCode(String code) {
        return find("queryCode", code).firstResult();
    }

    /** Open311 requests of a tenant for GET requests, newest first, at most {@code limit}. */
    public Uni<List<HandOff>> open311(String tenant, List<UUID> ids, String category, Instant from, Instant to,
            String open311Status, int limit) {
        StringBuilder q = new StringBuilder("channel = :c and receivedAt >= :from and receivedAt < :to");
        Parameters p = Parameters.with("c", Channel.OPEN311).and("from", from).and("to", to);
        if (tenant != null) { // null: a GeoReport client that named no jurisdiction lists every one's public requests
            q.append(" and tenant = :t");
            p.and("t", tenant);
        }
        if (ids != null && !ids.isEmpty()) {
            q.append(" and contactId in :ids");
            p.and("ids", ids);
        }
        if (category != null) {
            q.append(" and category = :cat");
            p.and("cat", org.hotline.common.category.ServiceCategory.valueOf(category));
        }
        if ("closed".equals(open311Status)) {
            q.append(" and open311Status = 'closed'");
        } else if ("open".equals(open311Status)) {
            q.append(" and (open311Status is null or open311Status <> 'closed')");
        }
        return find(q.toString(), Sort.by("receivedAt").descending(), p).page(Page.ofSize(limit)).list();
    }
}
