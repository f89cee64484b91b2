package org.hotline.routing.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes routing's facts to the outbox table in the caller's transaction (read by position by the feed). The payload is
 * cast through text so that the driver sends the JSON document itself, not a JSON string holding it.
 */
@ApplicationScoped
public class RoutingEventRepository {

    @WithSession
    public Uni<Void> append(String type, String tenant, UUID aggregate, Instant at, String payloadJson) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "INSERT INTO routing_event (id, type, tenant, aggregate_id, occurred_at, payload) "
                                + "VALUES (:id, :type, :tenant, :aggregate, :at, CAST(CAST(:payload AS text) AS jsonb))")
                .setParameter("id", UUID.randomUUID()).setParameter("type", type).setParameter("tenant", tenant)
                .setParameter("aggregate", aggregate).setParameter("at", at).setParameter("payload", payloadJson)
                .executeUpdate()).replaceWithVoid();
    }
}
