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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.common.security.TenantContext;
import org.hotline.knowledge.domain.Article;
import org.hotline.knowledge.domain.ArticleStatus;
import org.hotline.knowledge.domain.ArticleVersion;
import org.hotline.knowledge.service.ArticleEditing;
import org.hotline.knowledge.service.ArticleEditing.ArticleInput;
import org.hotline.knowledge.service.ArticleEditing.ArticleWithVersion;
import org.hotline.knowledge.service.ArticleEditing.Transition;
import org.hotline.knowledge.service.IndexFreshness;
import org.hotline.knowledge.service.RegionScope;
import org.hotline.knowledge.service.ArticleIndex;
import org.hotline.knowledge.service.ArticleSnapshot;
import org.hotline.knowledge.service.WithheldNumbers;
import org.hotline.knowledge.repository.ArticleRepository;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;

/** Editors' API for articles: tenant-admin for its own province and cities, platform-operator for national ones. */
@Path("/api/v1/articles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
public class ArticleResource {

    private final ArticleEditing editing;
    private final IndexFreshness freshness;
    private final TenantContext tenant;
    private final WithheldNumbers withheld;
    private final ArticleIndex index;
    private final ArticleRepository articles;

    public ArticleResource(ArticleEditing editing, IndexFreshness freshness, TenantContext tenant,
            WithheldNumbers withheld, ArticleIndex index, ArticleRepository articles) {
        this.editing = editing;
        this.freshness = freshness;
        this.tenant = tenant;
        this.withheld = withheld;
        this.index = index;
        this.articles = articles;
    }

    private ArticleView view(ArticleWithVersion av) {
        return ArticleView.of(av.article(), av.version(), withheld);
    }

    @GET
    @Path("/flags")
    @Operation(summary = "Articles that give out a dead number",
            description = "Published articles of the caller's province (and national ones) whose text mentions a "
                    + "number withheld as dead; answers replace it with a notice until the editor corrects the text.")
    public List<ArticleFlag> flags() {
        List<String> visible = articles.visibleTenants();
        Instant now = Instant.now();
        List<ArticleFlag> out = new ArrayList<>();
        if (!withheld.any()) {
            return out;
        }
        for (ArticleSnapshot a : index.articles()) {
            ArticleSnapshot.PublishedVersion v = a.inForce(now);
            if (v == null || visible != null && !visible.contains(RegionScope.tenantOf(a.scope()))) {
                continue;
            }
            List<String> numbers = withheld.mentionedIn(v.title() + "\n" + v.answer());
            if (!numbers.isEmpty()) {
                out.add(new ArticleFlag(a.id(), a.questionKey(), a.scope(), v.version(), v.title(), numbers));
            }
        }
        return out;
    }

    /** One version of an article. */
    public record ArticleView(UUID id, String questionKey, String scopeRegionCode, String tenant, int currentVersion,
            boolean archived, int version, ArticleStatus status, String title, List<String> questionVariants,
            String answer, String topic, String service, OffsetDateTime effectiveFrom, OffsetDateTime effectiveTo,
            String citationName, String citationNumber, String citationUrl, String owner, LocalDate reviewDate,
            String createdBy, OffsetDateTime createdAt, OffsetDateTime publishedAt,
            @Schema(description = "Numbers in this version's text that are withheld as dead: automatic answers "
                    + "replace them with a notice until the text is corrected or the number verified again")
            List<String> withheldNumbers) {

        static ArticleView of(Article a, ArticleVersion v, WithheldNumbers withheld) {
            return new ArticleView(a.id, a.questionKey, a.scopeRegionCode, a.tenant, a.currentVersion,
                    a.archivedAt != null, v.version, v.status, v.title,
                    v.questionVariants.isBlank() ? List.of() : Arrays.asList(v.questionVariants.split("\n")),
                    v.answer, v.topic, v.service, v.effectiveFrom, v.effectiveTo, v.citationName, v.citationNumber,
                    v.citationUrl, v.owner, v.reviewDate, v.createdBy, v.createdAt, v.publishedAt,
                    withheld.mentionedIn(v.title + "\n" + v.answer));
        }
    }

    /** An article in force whose text gives out a number withheld as dead: its editor must correct it. */
    public record ArticleFlag(UUID articleId, String questionKey, String scopeRegionCode, int version, String title,
            List<String> withheldNumbers) {
    }

    /** A version in the history list. */
    public record VersionSummary(int version, ArticleStatus status, String title, OffsetDateTime effectiveFrom,
            OffsetDateTime effectiveTo, String createdBy, OffsetDateTime createdAt, OffsetDateTime publishedAt) {
    }

    /** A page of articles (heads only). */
    public record ArticleList(List<ArticleHead> items, long total, int page, int size) {
    }

    /** An article without its text. */
    public record ArticleHead(UUID id, String questionKey, String scopeRegionCode, int currentVersion, boolean archived,
            OffsetDateTime updatedAt) {
    }

    @GET
    @Operation(summary = "List articles of a scope", description = "scope 000000 national, a province or a city code.")
    public Uni<ArticleList> list(@QueryParam("scope") String scope, @QueryParam("page") String pageParam,
            @QueryParam("size") String sizeParam) {
        int page = QueryValues.integer("page", pageParam, 0);
        int size = QueryValues.integer("size", sizeParam, 20);
        if (page < 0 || size < 1 || size > 200) {
            throw ProblemException.invalidField(page < 0 ? "page" : "size", "page >= 0, size between 1 and 200");
        }
        String s = scope == null || scope.isBlank() ? null : RegionScope.of("scope", scope).regionCode();
        return editing.count(s).flatMap(total -> editing.list(s, page, size).map(list -> new ArticleList(
                list.stream().map(a -> new ArticleHead(a.id, a.questionKey, a.scopeRegionCode, a.currentVersion,
                        a.archivedAt != null, a.updatedAt)).toList(), total, page, size)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an article (version 1, draft)")
    public Uni<Response> create(ArticleInput input, @Context UriInfo uri) {
        return editing.create(input, tenant::requireAccess, tenant.subject())
                .call(av -> freshness.refresh(av.article().id))
                .map(av -> Response.created(uri.getAbsolutePathBuilder().path(av.article().id.toString()).build())
                        .entity(view(av)).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "The latest version of an article")
    public Uni<ArticleView> get(@PathParam("id") UUID id) {
        return editing.current(id).map(this::view);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit an article", description = "Creates a new draft version; the published one stays in "
            + "force until the new one is published.")
    public Uni<ArticleView> edit(@PathParam("id") UUID id, ArticleInput input) {
        return editing.edit(id, input, tenant::requireAccess, tenant.subject()).map(this::view);
    }

    @GET
    @Path("/{id}/versions")
    @Operation(summary = "Version history of an article")
    public Uni<List<VersionSummary>> versions(@PathParam("id") UUID id) {
        return editing.versions(id).map(list -> list.stream().map(v -> new VersionSummary(v.version, v.status, v.title,
                v.effectiveFrom, v.effectiveTo, v.createdBy, v.createdAt, v.publishedAt)).toList());
    }

    @GET
    @Path("/{id}/versions/{version}")
    @Operation(summary = "One past or current version of an article")
    public Uni<ArticleView> version(@PathParam("id") UUID id, @PathParam("version") int version) {
        return editing.version(id, version).map(this::view);
    }

    @POST
    @Path("/{id}/submit")
    @Operation(summary = "Move the draft to internal review")
    public Uni<ArticleView> submit(@PathParam("id") UUID id) {
        return move(id, Transition.SUBMIT);
    }

    @POST
    @Path("/{id}/publish")
    @Operation(summary = "Publish the latest version", description = "It answers from its effective date on.")
    public Uni<ArticleView> publish(@PathParam("id") UUID id) {
        return move(id, Transition.PUBLISH);
    }

    @POST
    @Path("/{id}/archive")
    @Operation(summary = "Archive the article", description = "It never answers again.")
    public Uni<ArticleView> archive(@PathParam("id") UUID id) {
        return move(id, Transition.ARCHIVE);
    }

    private Uni<ArticleView> move(UUID id, Transition t) {
        // The NOTIFY reaches every replica at commit; refreshing here as well makes the change visible to this
        // caller's next search at once.
        return editing.transition(id, t, tenant::requireAccess).call(av -> freshness.refresh(id)).map(this::view);
    }
}
