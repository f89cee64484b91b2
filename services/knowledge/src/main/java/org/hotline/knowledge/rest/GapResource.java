package org.hotline.knowledge.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.common.security.TenantContext;
import org.hotline.knowledge.repository.KnowledgeGapRepository;
import org.hotline.knowledge.repository.KnowledgeGapRepository.GapPage;

/** Knowledge gaps: questions asked without a good answer, for editors to write articles. */
@Path("/api/v1/gaps")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.LEADER })
public class GapResource {

    private final KnowledgeGapRepository gaps;
    private final TenantContext tenant;

    public GapResource(KnowledgeGapRepository gaps, TenantContext tenant) {
        this.gaps = gaps;
        this.tenant = tenant;
    }

    /** A page of gaps with the total. */
    public record GapList(java.util.List<KnowledgeGapRepository.GapView> items, long total, int page, int size) {
    }

    @GET
    @Operation(summary = "List open knowledge gaps", description = "Most asked first; a provincial caller sees its own "
            + "province, the national operator sees all or one tenant.")
    public Uni<GapList> list(@QueryParam("tenant") String requested, @QueryParam("page") String pageParam,
            @QueryParam("size") String sizeParam) {
        int page = QueryValues.integer("page", pageParam, 0);
        int size = QueryValues.integer("size", sizeParam, 20);
        if (page < 0 || size < 1 || size > 200) {
            throw ProblemException.invalidField(page < 0 ? "page" : "size", page < 0 ? "must be 0 or more"
                    : "must be between 1 and 200");
        }
        String t = tenant.effectiveTenant(requested);
        return gaps.list(t, page, size).map((GapPage p) -> new GapList(p.items(), p.total(), page, size));
    }
}
