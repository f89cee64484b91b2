package org.hotline.appraisal.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.hotline.appraisal.domain.KpiFact;

/** Stores facts and keeps the running counts in step, in the caller's transaction. */
@ApplicationScoped
@WithSession
public class KpiFactRepository implements PanacheRepositoryBase<KpiFact, UUID> {

    /** Stores the fact and adds it to its count (an upsert, so concurrent tenants never collide). */
    public Uni<Void> record(KpiFact fact) {
        return persist(fact).chain(() -> Panache.getSession()).chain(session -> session.createNativeQuery(
                        "INSERT INTO kpi_count (tenant, type, verdict, events, score_sum) VALUES (?1, ?2, ?3, 1, ?4) "
                                + "ON CONFLICT (tenant, type, verdict) DO UPDATE SET events = kpi_count.events + 1, "
                                + "score_sum = kpi_count.score_sum + excluded.score_sum")
                .setParameter(1, fact.tenant).setParameter(2, fact.type)
                .setParameter(3, fact.verdict == null ? "" : fact.verdict)
                .setParameter(4, fact.score == null ? 0 : fact.score.intValue())
                .executeUpdate()).replaceWithVoid();
    }
}
