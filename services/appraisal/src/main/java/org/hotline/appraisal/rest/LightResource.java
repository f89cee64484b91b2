package org.hotline.appraisal.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.hotline.appraisal.domain.ComplaintLight;
import org.hotline.appraisal.service.AccessScope;
import org.hotline.appraisal.service.LightEvaluation;
import org.hotline.appraisal.service.LightService;
import org.hotline.appraisal.service.WebhookDeliveries;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;

/** Complaint lights (黄灯/红灯) on leaders' screens: list, acknowledge, delivery log; operators may evaluate now. */
@Path("/api/v1/lights")
@Produces(MediaType.APPLICATION_JSON)
public class LightResource {

    private final LightService lights;
    private final LightEvaluation evaluation;
    private final AccessScope scope;

    public LightResource(LightService lights, LightEvaluation evaluation, AccessScope scope) {
        this.lights = lights;
        this.evaluation = evaluation;
        this.scope = scope;
    }

    /** A light as shown to leaders (counts only: no personal data). */
    public record LightView(String id, String tenant, String scope, String scopeKey, String level, int count,
            double threshold, String openedAt, String redAt, String acknowledgedAt, String acknowledgedBy,
            String escalatedAt, String clearedAt) {

        static LightView of(ComplaintLight l) {
            return new LightView(l.id.toString(), l.tenant, l.scope, l.scopeKey, l.level, l.count,
                    l.threshold.doubleValue(), s(l.openedAt), s(l.redAt), s(l.acknowledgedAt), l.acknowledgedBy,
                    s(l.escalatedAt), s(l.clearedAt));
        }
    }

    @GET
    @RolesAllowed({ Roles.LEADER, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.SERVICE })
    @Operation(summary = "Lights of the caller's province (the nation for the operator); open ones unless all=true")
    public Uni<List<LightView>> list(@QueryParam("tenant") String tenant, @QueryParam("all") boolean all) {
        return lights.list(scope.readScope(tenant), all).map(l -> l.stream().map(LightView::of).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.LEADER, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.SERVICE })
    public Uni<LightView> get(@PathParam("id") String id) {
        return lights.get(scope.readScope(null), uuid(id)).map(LightView::of);
    }

    @POST
    @Path("/{id}/acknowledgement")
    @RolesAllowed({ Roles.LEADER, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "A leader acknowledges a light (the first acknowledgement is kept; it stops escalation)")
    public Uni<LightView> acknowledge(@PathParam("id") String id) {
        return lights.acknowledge(scope.readScope(null), uuid(id), scope.subject(), Instant.now()).map(LightView::of);
    }

    @GET
    @Path("/{id}/deliveries")
    @RolesAllowed({ Roles.LEADER, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.SERVICE })
    @Operation(summary = "The webhook delivery log of a light: each notification and each attempt")
    public Uni<List<WebhookDeliveries.Delivery>> deliveries(@PathParam("id") String id) {
        return lights.deliveries(scope.readScope(null), uuid(id));
    }

    @POST
    @Path("/evaluations")
    @RolesAllowed({ Roles.PLATFORM_OPERATOR, Roles.SERVICE })
    @Operation(summary = "Evaluate every tenant's lights now (every replica also does it on a schedule)")
    public Uni<LightEvaluation.Outcome> evaluateNow() {
        scope.readScope(null);
        return evaluation.evaluate(Instant.now());
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("light-not-found", "No light " + id + ".");
        }
    }

    private static String s(Instant i) {
        return i == null ? null : i.toString();
    }
}
