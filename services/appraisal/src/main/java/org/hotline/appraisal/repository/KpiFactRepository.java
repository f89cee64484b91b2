package org.hotline.appraisal.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.appraisal.domain.KpiFact;

/** Stores facts and keeps the running counts in step, in the caller's transaction. */
@ApplicationScoped
@WithSession
public class KpiFactRepository implements PanacheRepositoryBase<KpiFact, UUID> {

    /** Stores the facts and adds them to their counts: one upsert per count touched, whatever the batch size. */
    public Uni<Void> recordAll(List<KpiFact> facts) {
        Map<List<String>, long[]> counts = new LinkedHashMap<>();
        for (KpiFact fact : facts) {
            long[] c = counts.computeIfAbsent(List.of(fact.tenant, fact.type, fact.verdict == null ? "" : fact.verdict),
                    k -> new long[2]);
            c[0]++;
            c[1] += fact.score == null ? 0 : fact.score;
        }
        return persist(facts).chain(() -> Panache.getSession()).chain(session -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (var count : counts.entrySet()) {
                chain = chain.chain(() -> session.createNativeQuery(
                                "INSERT INTO kpi_count (tenant, type, verdict, events, score_sum) VALUES (?1, ?2, ?3, ?4, ?5) "
                                        + "ON CONFLICT (tenant, type, verdict) DO UPDATE SET "
                                        + "events = kpi_count.events + excluded.events, "
                                        + "score_sum = kpi_count.score_sum + excluded.score_sum")
                        .setParameter(1, count.getKey().get(0)).setParameter(2, count.getKey().get(1))
                        .setParameter(3, count.getKey().get(2))
                        .setParameter(4, count.getValue()[0]).setParameter(5, count.getValue()[1])
                        .executeUpdate().replaceWithVoid());
            }
            return chain;
        });
    }
}
