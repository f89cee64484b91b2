package org.hotline.appraisal.service;

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

    private final WebhookDeliveries webhooks;

    public LightService(WebhookDeliveries webhooks) {
        this.webhooks = webhooks;
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
    public Uni<List<WebhookDeliveries.Delivery>> deliveries(String tenant, UUID id) {
        return find(tenant, id).chain(l -> webhooks.log(WebhookDeliveries.Subject.LIGHT, id));
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
