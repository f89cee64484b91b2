package org.hotline.appraisal.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hotline.appraisal.repository.KpiCountRepository;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.appraisal.service.AccessScope;

/** Read-only counts of the facts appraisal received from the feeds, per tenant, event type and verdict. */
@Path("/api/v1/kpi-counts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.LEADER, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.SERVICE })
public class KpiCountResource {

    private final KpiCountRepository counts;
    private final AccessScope scope;

    public KpiCountResource(KpiCountRepository counts, AccessScope scope) {
        this.counts = counts;
        this.scope = scope;
    }

    /** One count. */
    public record KpiCountView(String tenant, String type, String verdict, long events, long scoreSum) {
    }

    /** A page of counts and how many there are. */
    public record KpiCountPage(List<KpiCountView> items, long total, int page, int size) {
    }

    @GET
    @Operation(summary = "Counts of facts per tenant, type and verdict",
            description = "A provincial caller sees its own tenant; the national operator sees all, or one with tenant.")
    public Uni<KpiCountPage> list(
            @Parameter(example = "37") @QueryParam("tenant") String tenant,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0) {
            throw ProblemException.invalidField("page", "page starts at 0.");
        }
        if (size < 1 || size > 500) {
            throw ProblemException.invalidField("size", "size is 1 to 500.");
        }
        String scope = this.scope.readScope(tenant);
        return counts.page(scope, page, size).map(result -> new KpiCountPage(result.getItem1().stream()
                .map(c -> new KpiCountView(c.key.tenant(), c.key.type(), c.key.verdict(), c.events, c.scoreSum))
                .toList(), result.getItem2(), page, size));
    }
}
