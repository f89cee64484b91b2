package org.hotline.knowledge.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.common.security.TenantContext;
import org.hotline.knowledge.domain.InstitutionType;
import org.hotline.knowledge.service.InstitutionDirectory;
import org.hotline.knowledge.service.InstitutionDirectory.InstitutionInput;

/** The institution directory: agencies, service windows, designated hospitals and pharmacies. */
@Path("/api/v1/institutions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.AGENT, Roles.HANDLER, Roles.EVALUATOR, Roles.LEADER, Roles.TENANT_ADMIN,
        Roles.PLATFORM_OPERATOR, Roles.SERVICE })
public class InstitutionResource {

    private final InstitutionDirectory directory;
    private final TenantContext tenant;

    public InstitutionResource(InstitutionDirectory directory, TenantContext tenant) {
        this.directory = directory;
        this.tenant = tenant;
    }

    /** A page of entries. */
    public record InstitutionList(List<InstitutionView> items, long total, int page, int size) {
    }

    @GET
    @Operation(summary = "Search the directory", description = "A province or city code covers its cities and "
            + "districts. `attention=true` lists entries with a withheld (reported dead) or stale number, for their "
            + "owners to re-verify.")
    public Uni<InstitutionList> list(@Parameter(example = "370300") @QueryParam("region") String region,
            @Parameter(example = "AGENCY") @QueryParam("type") String type,
            @Parameter(example = "医疗保障") @QueryParam("q") String q,
            @QueryParam("attention") String attentionParam,
            @QueryParam("page") String pageParam, @QueryParam("size") String sizeParam) {
        boolean attention = QueryValues.bool("attention", attentionParam, false);
        int page = QueryValues.integer("page", pageParam, 0);
        int size = QueryValues.integer("size", sizeParam, 20);
        InstitutionType kind = parseType(type);
        var staleBefore = directory.staleBefore();
        return directory.search(region, kind, q, attention, page, size).map(p -> new InstitutionList(
                p.items().stream().map(i -> InstitutionView.of(i, staleBefore)).toList(), p.total(), page, size));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One directory entry")
    public Uni<InstitutionView> get(@PathParam("id") UUID id) {
        return directory.get(id).map(i -> InstitutionView.of(i, directory.staleBefore()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Create a directory entry", description = "tenant-admin for its own province only.")
    public Uni<Response> create(InstitutionInput input, @Context UriInfo uri) {
        return directory.create(input, tenant::requireAccess).map(i -> Response
                .created(uri.getAbsolutePathBuilder().path(i.id.toString()).build())
                .entity(InstitutionView.of(i, directory.staleBefore())).build());
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Change a directory entry", description = "Phones kept keep their verification history.")
    public Uni<InstitutionView> update(@PathParam("id") UUID id, InstitutionInput input) {
        return directory.update(id, input, tenant::requireAccess).map(i -> InstitutionView.of(i, directory.staleBefore()));
    }

    @POST
    @Path("/{id}/phones/{phoneId}/verification")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Confirm a phone works", description = "Clears its dead-number reports and returns it to "
            + "automatic answers.")
    public Uni<InstitutionView> verify(@PathParam("id") UUID id, @PathParam("phoneId") UUID phoneId) {
        return directory.verify(id, phoneId, tenant::requireAccess).map(i -> InstitutionView.of(i, directory.staleBefore()));
    }

    static InstitutionType parseType(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        try {
            return InstitutionType.valueOf(type.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("type", "must be one of AGENCY, SERVICE_WINDOW, HOSPITAL, PHARMACY");
        }
    }
}
