package org.hotline.appraisal.repository;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hotline.appraisal.domain.KpiCount;

/**
 * Reads the running counts. Every public method returns a {@code Uni} and runs in one session that it closes: a
 * {@code PanacheQuery} handed out of a {@code @WithSession} method outlives the session's scope, and each such read
 * once kept a pooled connection for good (issue 12: the 20th call hung).
 */
@ApplicationScoped
public class KpiCountRepository implements PanacheRepositoryBase<KpiCount, KpiCount.Key> {

    /** One page of the counts of one tenant, or of all tenants when {@code tenant} is null, and their total. */
    @WithSession
    public Uni<Tuple2<List<KpiCount>, Long>> page(String tenant, int page, int size) {
        PanacheQuery<KpiCount> query = ofTenant(tenant);
        return query.count().chain(total -> query.page(Page.of(page, size)).list()
                .map(list -> Tuple2.of(list, total)));
    }

    private PanacheQuery<KpiCount> ofTenant(String tenant) {
        Sort order = Sort.by("key.tenant").and("key.type").and("key.verdict");
        return tenant == null ? findAll(order) : find("key.tenant", order, tenant);
    }
}
