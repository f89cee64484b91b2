package org.hotline.knowledge.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.common.security.TenantContext;
import org.hotline.knowledge.repository.VocabularyRepository.StoredEntry;
import org.hotline.knowledge.service.Vocabulary.Kind;
import org.hotline.knowledge.service.VocabularyEditing;

/**
 * Editors extend the words questions are read with: synonyms, colloquial and dialect rewrites, domain words. A tenant
 * admin adds and removes its province's entries and sees national ones; the platform operator manages all.
 */
@Path("/api/v1/vocabulary")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
public class VocabularyResource {

    private final VocabularyEditing editing;
    private final TenantContext tenant;

    public VocabularyResource(VocabularyEditing editing, TenantContext tenant) {
        this.editing = editing;
        this.tenant = tenant;
    }

    /** A new entry. */
    public record VocabularyInput(
            @Schema(description = "SYNONYM ('a,b,c' or 'x=>y'), COLLOQUIAL ('spoken=>standard') or DOMAIN (one word)",
                    example = "COLLOQUIAL") String kind,
            @Schema(example = "咋弄=>怎么办") String line,
            @Schema(description = "Platform operator only: the province it applies to, or * (default) for all")
            String tenant) {
    }

    /** Entries visible to the caller. */
    public record VocabularyList(List<StoredEntry> items, int total) {
    }

    @GET
    @Operation(summary = "Vocabulary entries", description = "National entries and the caller's province's.")
    public Uni<VocabularyList> list(@QueryParam("kind") String kind) {
        return editing.list(visibleTenants(), kind(kind, true)).map(l -> new VocabularyList(l, l.size()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a vocabulary entry", description = "Applies to questions of the entry's province (or "
            + "all, for *) in every replica within a second.")
    public Uni<Response> add(VocabularyInput input) {
        if (input == null) {
            throw ProblemException.badRequest("body-required", "Send the entry as a JSON body.");
        }
        String target;
        if (tenant.hasRole(Roles.PLATFORM_OPERATOR) && tenant.isNational()) {
            target = input.tenant() == null || input.tenant().isBlank() ? "*" : input.tenant().strip();
            if (!"*".equals(target) && !target.matches("\\d{2}")) {
                throw ProblemException.invalidField("tenant", "must be * or a 2-digit province code");
            }
        } else {
            target = tenant.tenant();
            if (input.tenant() != null && !input.tenant().isBlank() && !input.tenant().strip().equals(target)) {
                throw ProblemException.forbidden("tenant-forbidden",
                        "Your token is for tenant " + target + " and cannot add entries for " + input.tenant() + ".");
            }
        }
        return editing.add(target, kind(input.kind(), false), input.line(), tenant.subject())
                .map(e -> Response.created(URI.create("/api/v1/vocabulary/" + e.id())).entity(e).build());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a vocabulary entry of the caller's province (any, for the platform operator)")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        List<String> mine = tenant.hasRole(Roles.PLATFORM_OPERATOR) && tenant.isNational() ? null : List.of(tenant.tenant());
        return editing.delete(id, mine).map(x -> Response.noContent().build());
    }

    private List<String> visibleTenants() {
        return tenant.hasRole(Roles.PLATFORM_OPERATOR) && tenant.isNational() ? null : List.of("*", tenant.tenant());
    }

    private static Kind kind(String raw, boolean optional) {
        if (raw == null || raw.isBlank()) {
            if (optional) {
                return null;
            }
            throw ProblemException.invalidField("kind", "is required: SYNONYM, COLLOQUIAL or DOMAIN");
        }
        try {
            return Kind.valueOf(raw.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("kind", "must be one of SYNONYM, COLLOQUIAL, DOMAIN");
        }
    }
}
