package org.hotline.knowledge;

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
import org.hotline.knowledge.domain.Article;
import org.hotline.knowledge.domain.ArticleStatus;
import org.hotline.knowledge.domain.ArticleVersion;
import org.hotline.knowledge.domain.KnowledgeGap;

/**
 * A resource that forgot every tenant check (test sources only): it reads, lists, counts and changes articles, their
 * versions and knowledge gaps with Panache's inherited methods (no tenant in any query) for whatever token it is
 * called with, for {@link DataLayerTenancyTest}.
 */
@Path("/test/unchecked")
// One session per request, closed at its end (an unclosed one keeps a connection).
@WithSession
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class UncheckedDataProbe {

    @GET
    @Path("/articles/{id}")
    public Uni<Map<String, Object>> article(@PathParam("id") UUID id) {
        return Article.<Article>findById(id).map(a -> found(a == null ? null : Map.of("id", a.id.toString(),
                "tenant", a.tenant, "currentVersion", a.currentVersion)));
    }

    /** Every article id {@code listAll} returns, and what {@code count} says. */
    @GET
    @Path("/articles")
    public Uni<Map<String, Object>> articles() {
        return Article.<Article>listAll().flatMap(list -> Article.count().map(count -> Map.of(
                "ids", list.stream().map(a -> a.id.toString()).toList(),
                "tenants", list.stream().map(a -> a.tenant).distinct().toList(), "count", count)));
    }

    @GET
    @Path("/articles/{id}/versions")
    public Uni<List<String>> versions(@PathParam("id") UUID id) {
        return ArticleVersion.<ArticleVersion>list("articleId", id)
                .map(list -> list.stream().map(v -> v.version + ":" + v.status).toList());
    }

    @GET
    @Path("/articles/{id}/versions/{version}")
    public Uni<Map<String, Object>> version(@PathParam("id") UUID id, @PathParam("version") int version) {
        return ArticleVersion.<ArticleVersion>findById(new ArticleVersion.Key(id, version))
                .map(v -> found(v == null ? null : Map.of("title", v.title, "status", v.status.name())));
    }

    /** Publishes a version found by its key, in a transaction; 404 when the data layer does not find it. */
    @POST
    @Path("/articles/{id}/versions/{version}/publish")
    public Uni<Map<String, Object>> publish(@PathParam("id") UUID id, @PathParam("version") int version) {
        return Panache.withTransaction(() -> ArticleVersion.<ArticleVersion>findById(new ArticleVersion.Key(id, version))
                .map(v -> {
                    Map<String, Object> found = found(v == null ? null : Map.of("status", v.status.name()));
                    v.status = ArticleStatus.PUBLISHED;
                    return found;
                }));
    }

    /** Archives an article found by id, in a transaction; 404 when the data layer does not find it. */
    @POST
    @Path("/articles/{id}/archive")
    public Uni<Map<String, Object>> archive(@PathParam("id") UUID id) {
        return Panache.withTransaction(() -> Article.<Article>findById(id).map(a -> {
            Map<String, Object> found = found(a == null ? null : Map.of("id", a.id.toString()));
            a.archivedAt = java.time.OffsetDateTime.now();
            return found;
        }));
    }

    @GET
    @Path("/gaps/{id}")
    public Uni<Map<String, Object>> gap(@PathParam("id") UUID id) {
        return KnowledgeGap.<KnowledgeGap>findById(id)
                .map(g -> found(g == null ? null : Map.of("question", g.question, "tenant", g.tenant)));
    }

    @GET
    @Path("/gaps")
    public Uni<Map<String, Object>> gaps() {
        return KnowledgeGap.<KnowledgeGap>listAll().map(list -> Map.of(
                "ids", list.stream().map(g -> g.id.toString()).toList(),
                "tenants", list.stream().map(g -> g.tenant).distinct().toList()));
    }

    private static Map<String, Object> found(Map<String, Object> row) {
        if (row == null) {
            throw ProblemException.notFound("not-found", "Not found by the data layer.");
        }
        return row;
    }
}
