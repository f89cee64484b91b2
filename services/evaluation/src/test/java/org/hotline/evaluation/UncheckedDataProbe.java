package org.hotline.evaluation;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.common.problem.ProblemException;
import org.hotline.evaluation.domain.Assignment;
import org.hotline.evaluation.domain.AssignmentRun;
import org.hotline.evaluation.domain.AuditCall;
import org.hotline.evaluation.domain.AuditCampaign;
import org.hotline.evaluation.domain.AuditLine;
import org.hotline.evaluation.domain.CaseEvaluation;
import org.hotline.evaluation.domain.Evaluation;
import org.hotline.evaluation.domain.EvaluationCase;
import org.hotline.evaluation.domain.Evaluator;
import org.hotline.evaluation.domain.EvaluatorConflict;
import org.hotline.evaluation.domain.Hearing;
import org.hotline.evaluation.domain.HearingItem;
import org.hotline.evaluation.domain.IdempotentRequest;
import org.hotline.evaluation.domain.RoutingAction;

/**
 * A resource that forgot every tenant check (test sources only): it loads any of evaluation's entities by id, lists
 * every row of each with no tenant in the query, and renames an evaluator or a hearing found by id, for whatever
 * token it is called with, for {@link DataLayerTenancyTest}.
 */
@Path("/test/unchecked")
// One session per request, closed at its end (an unclosed one keeps a connection).
@WithSession
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class UncheckedDataProbe {

    /** The tenant-owned entities, by the name used in the probe's paths. */
    static final Map<String, Class<?>> ENTITIES = Map.ofEntries(Map.entry("evaluators", Evaluator.class),
            Map.entry("assignment-runs", AssignmentRun.class), Map.entry("assignments", Assignment.class),
            Map.entry("cases", EvaluationCase.class), Map.entry("evaluations", Evaluation.class),
            Map.entry("case-evaluations", CaseEvaluation.class), Map.entry("audit-campaigns", AuditCampaign.class),
            Map.entry("audit-lines", AuditLine.class), Map.entry("audit-calls", AuditCall.class),
            Map.entry("hearings", Hearing.class), Map.entry("hearing-items", HearingItem.class),
            Map.entry("conflicts", EvaluatorConflict.class), Map.entry("routing-actions", RoutingAction.class),
            Map.entry("idempotent-requests", IdempotentRequest.class));

    @GET
    @Path("/{entity}/{id}")
    public Uni<Map<String, String>> byId(@PathParam("entity") String entity, @PathParam("id") UUID id) {
        return Panache.getSession().chain(s -> s.find(type(entity), id)).map(e -> found(e));
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

    /** Renames an evaluator or a hearing found by id, in a transaction; 404 when the data layer does not find it. */
    @POST
    @Path("/{entity}/{id}/rename")
    public Uni<Map<String, String>> rename(@PathParam("entity") String entity, @PathParam("id") UUID id) {
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.find(type(entity), id)).map(e -> {
            Map<String, String> found = found(e);
            if (e instanceof Evaluator ev) {
                ev.name = "改名";
            } else if (e instanceof Hearing h) {
                h.title = "改名";
            }
            return found;
        }));
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
        if (entity instanceof IdempotentRequest r) {
            return r.key.tenant();
        }
        try {
            // Panache turns the public fields into private ones behind generated accessors.
            return String.valueOf(entity.getClass().getMethod("getTenant").invoke(entity));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(entity.getClass() + " has no tenant", e);
        }
    }

    /** The names of the tenant-owned entities, for the test to walk. */
    static List<String> names() {
        return List.copyOf(ENTITIES.keySet());
    }
}
