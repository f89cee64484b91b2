package org.hotline.appraisal.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hotline.appraisal.domain.ComplaintLight;
import org.hotline.common.problem.ProblemException;

/** Reading lights and their delivery log, and a leader's acknowledgement; always within the caller's scope. */
@ApplicationScoped
public class LightService {

    /** A delivery and its attempts. */
    public record Delivery(String id, String kind, String url, String status, int attempts, Integer lastStatus,
            String deliveredAt, List<Attempt> log) {
    }

    /** One attempt of a delivery. */
    public record Attempt(int attempt, String at, Integer httpStatus, String error) {
    }

    /** Lights of a tenant (null: all), open ones only unless {@code all}. */
    @WithSession
    public Uni<List<ComplaintLight>> list(String tenant, boolean all) {
        String q = (tenant == null ? "1 = 1" : "tenant = :tenant") + (all ? "" : " and clearedAt is null");
        Parameters p = tenant == null ? new Parameters() : Parameters.with("tenant", tenant);
        return ComplaintLight.<ComplaintLight>find(q, Sort.by("openedAt").descending().and("id"), p).page(0, 500).list();
    }

    /** One light the caller may see; 404 otherwise (existence is not revealed). */
    @WithSession
    public Uni<ComplaintLight> get(String tenant, UUID id) {
        return find(tenant, id);
    }

    /** Records the first acknowledgement (later ones change nothing) and answers the light. */
    @WithTransaction
    public Uni<ComplaintLight> acknowledge(String tenant, UUID id, String by, Instant now) {
        return find(tenant, id).invoke(l -> {
            if (l.acknowledgedAt == null) {
                l.acknowledgedAt = now;
                l.acknowledgedBy = by;
            }
        });
    }

    /** The delivery log of a light. */
    @WithSession
    public Uni<List<Delivery>> deliveries(String tenant, UUID id) {
        return find(tenant, id).chain(l -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "SELECT d.id, d.kind, d.url, d.status, d.attempts, d.last_status, d.delivered_at, a.attempt, a.at, "
                                + "a.http_status, a.error FROM light_delivery d LEFT JOIN light_delivery_attempt a "
                                + "ON a.delivery_id = d.id WHERE d.light_id = :id ORDER BY d.kind, a.attempt", Object[].class)
                .setParameter("id", id).getResultList()).map(rows -> {
                    java.util.Map<Object, Delivery> out = new java.util.LinkedHashMap<>();
                    for (Object[] r : rows) {
                        Delivery d = out.computeIfAbsent(r[0], k -> new Delivery(r[0].toString(), (String) r[1],
                                (String) r[2], (String) r[3], ((Number) r[4]).intValue(), status(r[5]),
                                r[6] == null ? null : KpiService.instant(r[6]), new java.util.ArrayList<>()));
                        if (r[7] != null) {
                            d.log().add(new Attempt(((Number) r[7]).intValue(), KpiService.instant(r[8]), status(r[9]),
                                    r[10] == null || ((String) r[10]).isEmpty() ? null : (String) r[10]));
                        }
                    }
                    return List.copyOf(out.values());
                }));
    }

    private static Integer status(Object o) {
        return o == null || ((Number) o).intValue() < 0 ? null : ((Number) o).intValue();
    }

    private static Uni<ComplaintLight> find(String tenant, UUID id) {
        return ComplaintLight.<ComplaintLight>findById(id).map(l -> {
            if (l == null || (tenant != null && !tenant.equals(l.tenant))) {
                throw ProblemException.notFound("light-not-found", "No light " + id + ".");
            }
            return l;
        });
    }
}
