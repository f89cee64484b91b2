package org.hotline.appraisal.repository;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.hotline.appraisal.domain.KpiCount;

/** Reads the running counts. */
@ApplicationScoped
@WithSession
public class KpiCountRepository implements PanacheRepositoryBase<KpiCount, KpiCount.Key> {

    /** Counts of one tenant, or of all tenants when {@code tenant} is null, in a stable order. */
    public PanacheQuery<KpiCount> ofTenant(String tenant) {
        Sort order = Sort.by("key.tenant").and("key.type").and("key.verdict");
        return tenant == null ? findAll(order) : find("key.tenant", order, tenant);
    }
}
