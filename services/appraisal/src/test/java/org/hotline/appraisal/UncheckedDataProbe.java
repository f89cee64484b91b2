package org.hotline.appraisal;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.appraisal.domain.CallFact;
import org.hotline.appraisal.domain.CallbackFact;
import org.hotline.appraisal.domain.ComplaintLight;
import org.hotline.appraisal.domain.HotspotAlert;
import org.hotline.appraisal.domain.KpiCount;
import org.hotline.appraisal.domain.KpiFact;
import org.hotline.appraisal.domain.KpiSettings;
import org.hotline.appraisal.domain.WorkOrderFact;
import org.hotline.appraisal.domain.WorkOrderReturnFact;
import org.hotline.common.problem.ProblemException;

/**
 * A resource that forgot every tenant check (test sources only): it loads appraisal's facts and lights by id, lists
 * every row of each tenant-owned table with no tenant in the query, and acknowledges a light found by id, for
 * whatever token it is called with, for {@link DataLayerTenancyTest}.
 */
@Path("/test/unchecked")
// One session per request, closed at its end (an unclosed one keeps a connection).
@WithSession
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class UncheckedDataProbe {

    /** The tenant-owned entities, by the name used in the probe's paths. */
    static final Map<String, Class<?>> ENTITIES = Map.of("work-order-facts", WorkOrderFact.class,
            "work-order-return-facts", WorkOrderReturnFact.class, "call-facts", CallFact.class,
            "callback-facts", CallbackFact.class, "kpi-facts", KpiFact.class, "kpi-counts", KpiCount.class,
            "kpi-settings", KpiSettings.class, "lights", ComplaintLight.class, "hotspot-alerts", HotspotAlert.class);

    @GET
    @Path("/{entity}/{id}")
    public Uni<Map<String, String>> byId(@PathParam("entity") String entity, @PathParam("id") UUID id) {
        return Panache.getSession().chain(s -> s.find(type(entity), id)).map(UncheckedDataProbe::found);
    }

    /** The tenants of every row of the entity the session returns (no tenant in the query), and their number. */
    @GET
    @Path("/{entity}")
    public Uni<Map<String, Object>> all(@PathParam("entity") String entity) {
        Class<?> type = type(entity);
        return Panache.getSession().chain(s -> s.createQuery("from " + type.getSimpleName(), type).getResultList())
                .map(rows -> Map.of("count", rows.size(),
                        "tenants", rows.stream().map(UncheckedDataProbe::tenantOf).distinct().toList()));
    }

    /** Acknowledges a light found by id, in a transaction; 404 when the data layer does not find it. */
    @POST
    @Path("/lights/{id}/acknowledge")
    public Uni<Map<String, String>> acknowledge(@PathParam("id") UUID id) {
        return Panache.withTransaction(() -> ComplaintLight.<ComplaintLight>findById(id).map(l -> {
            Map<String, String> found = found(l);
            l.acknowledgedAt = Instant.now();
            l.acknowledgedBy = "probe";
            return found;
        }));
    }

    /** The names of the tenant-owned entities, for the test to walk. */
    static List<String> names() {
        return List.copyOf(ENTITIES.keySet());
    }

    private static Class<?> type(String entity) {
        Class<?> type = ENTITIES.get(entity);
        if (type == null) {
            throw ProblemException.notFound("no-such-entity", "No entity " + entity + ".");
        }
        return type;
    }

    private static Map<String, String> found(Object entity) {
        if (entity == null) {
            throw ProblemException.notFound("not-found", "Not found by the data layer.");
        }
        return Map.of("tenant", tenantOf(entity));
    }

    private static String tenantOf(Object entity) {
        if (entity instanceof KpiCount c) {
            return c.key.tenant();
        }
        try {
            // Panache turns the public fields into private ones behind generated accessors.
            return String.valueOf(entity.getClass().getMethod("getTenant").invoke(entity));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(entity.getClass() + " has no tenant", e);
        }
    }
}
