package org.hotline.knowledge.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.hotline.common.problem.ProblemException;
import org.hotline.knowledge.config.KnowledgeConfig;
import org.hotline.knowledge.domain.Article;
import org.hotline.knowledge.domain.ArticleStatus;
import org.hotline.knowledge.domain.ArticleVersion;
import org.hotline.knowledge.repository.ArticleRepository;

/**
 * Editors' work on articles: every edit is a new version (draft), and the lifecycle draft -> internal -> published ->
 * archived moves the latest version. Each change NOTIFYs the article id in its transaction, so every replica's index
 * picks it up at commit.
 */
@ApplicationScoped
public class ArticleEditing {

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{1,79}");
    private static final Set<String> SERVICES = Set.of("POLICY_ANSWER", "DATA_LOOKUP", "ONLINE_PRE_REVIEW", "FEEDBACK",
            "OPINION");

    private final KnowledgeConfig config;
    private final ArticleRepository articles;

    public ArticleEditing(KnowledgeConfig config, ArticleRepository articles) {
        this.config = config;
        this.articles = articles;
    }

    /** What an editor sends: a new article, or a new version of one. */
    public record ArticleInput(String questionKey, String scopeRegionCode, String title, List<String> questionVariants,
            String answer, String topic, String service, OffsetDateTime effectiveFrom, OffsetDateTime effectiveTo,
            String citationName, String citationNumber, String citationUrl, String owner, LocalDate reviewDate) {
    }

    /** An article with one of its versions. */
    public record ArticleWithVersion(Article article, ArticleVersion version) {
    }

    /** Lifecycle actions. */
    public enum Transition { SUBMIT, PUBLISH, ARCHIVE }

    @WithTransaction
    public Uni<ArticleWithVersion> create(ArticleInput input, Consumer<String> tenantCheck, String editor) {
        validate(input, true);
        String scope = input.scopeRegionCode().strip();
        tenantCheck.accept(RegionScope.tenantOf(scope));
        return Article.count("questionKey = ?1 and scopeRegionCode = ?2", input.questionKey(), scope).flatMap(n -> {
            if (n > 0) {
                return Uni.createFrom().failure(ProblemException.conflict("article-exists", "An article for question '"
                        + input.questionKey() + "' in scope " + scope + " exists already; add a version to it instead."));
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            Article a = new Article();
            a.id = UUID.randomUUID();
            a.questionKey = input.questionKey();
            a.scopeRegionCode = scope;
            a.tenant = RegionScope.tenantOf(scope);
            a.currentVersion = 1;
            a.createdAt = now;
            a.updatedAt = now;
            ArticleVersion v = version(a, 1, input, editor, now);
            return a.persist().flatMap(x -> v.persist()).flatMap(x -> notifyChange(a.id))
                    .replaceWith(new ArticleWithVersion(a, v));
        });
    }

    /** A new draft version; the published one stays in force until this one is published. */
    @WithTransaction
    public Uni<ArticleWithVersion> edit(UUID id, ArticleInput input, Consumer<String> tenantCheck, String editor) {
        validate(input, false);
        return article(id).flatMap(a -> {
            tenantCheck.accept(a.tenant);
            requireNotArchived(a);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            a.currentVersion++;
            a.updatedAt = now;
            ArticleVersion v = version(a, a.currentVersion, input, editor, now);
            return v.persist().flatMap(x -> notifyChange(a.id)).replaceWith(new ArticleWithVersion(a, v));
        });
    }

    @WithTransaction
    public Uni<ArticleWithVersion> transition(UUID id, Transition action, Consumer<String> tenantCheck) {
        return article(id).flatMap(a -> {
            tenantCheck.accept(a.tenant);
            requireNotArchived(a);
            return latest(a).flatMap(v -> {
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                switch (action) {
                    case SUBMIT -> {
                        if (v.status != ArticleStatus.DRAFT) {
                            throw ProblemException.conflict("invalid-transition",
                                    "Only a draft can be submitted; version " + v.version + " is " + v.status + ".");
                        }
                        v.status = ArticleStatus.INTERNAL;
                    }
                    case PUBLISH -> {
                        if (v.status == ArticleStatus.PUBLISHED) {
                            throw ProblemException.conflict("invalid-transition",
                                    "Version " + v.version + " is published already.");
                        }
                        v.status = ArticleStatus.PUBLISHED;
                        v.publishedAt = now;
                    }
                    case ARCHIVE -> {
                        v.status = ArticleStatus.ARCHIVED;
                        a.archivedAt = now;
                    }
                }
                a.updatedAt = now;
                return notifyChange(a.id).replaceWith(new ArticleWithVersion(a, v));
            });
        });
    }

    @WithSession
    public Uni<ArticleWithVersion> current(UUID id) {
        return article(id).flatMap(a -> latest(a).map(v -> new ArticleWithVersion(a, v)));
    }

    @WithSession
    public Uni<ArticleWithVersion> version(UUID id, int version) {
        return article(id).flatMap(a -> ArticleVersion.<ArticleVersion>findById(new ArticleVersion.Key(id, version))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("version-not-found",
                        "Article " + id + " has no version " + version + "."))
                .map(v -> new ArticleWithVersion(a, v)));
    }

    @WithSession
    public Uni<List<ArticleVersion>> versions(UUID id) {
        return article(id).flatMap(a -> ArticleVersion.list("articleId = ?1 order by version", id));
    }

    /** Articles the caller may see in a scope (and, for a city, nothing above it), newest first. */
    @WithSession
    public Uni<List<Article>> list(String scope, int page, int size) {
        return articles.listVisible(scope, page, size);
    }

    @WithSession
    public Uni<Long> count(String scope) {
        return articles.countVisible(scope);
    }

    private Uni<Article> article(UUID id) {
        // Another province's article is "not found", never "forbidden": its existence is not revealed.
        return articles.findVisible(id).onItem().ifNull().failWith(() -> ProblemException.notFound(
                "article-not-found", "No article has the id " + id + "."));
    }

    private static Uni<ArticleVersion> latest(Article a) {
        return ArticleVersion.findById(new ArticleVersion.Key(a.id, a.currentVersion));
    }

    private Uni<Void> notifyChange(UUID id) {
        // Delivered by PostgreSQL at commit, to every replica's LISTEN connection (this one included).
        return Panache.getSession().flatMap(s -> s.createNativeQuery("select cast(pg_notify(?1, ?2) as text)")
                .setParameter(1, config.index().notifyChannel()).setParameter(2, id.toString())
                .getSingleResult()).replaceWithVoid();
    }

    private static void requireNotArchived(Article a) {
        if (a.archivedAt != null) {
            throw ProblemException.conflict("article-archived", "Article " + a.id + " is archived and cannot change.");
        }
    }

    private static ArticleVersion version(Article a, int number, ArticleInput in, String editor, OffsetDateTime now) {
        ArticleVersion v = new ArticleVersion();
        v.articleId = a.id;
        v.version = number;
        v.status = ArticleStatus.DRAFT;
        v.title = in.title().strip();
        v.questionVariants = in.questionVariants() == null ? "" : String.join("\n", in.questionVariants());
        v.answer = in.answer().strip();
        v.topic = in.topic().strip();
        v.service = in.service().strip();
        v.effectiveFrom = in.effectiveFrom();
        v.effectiveTo = in.effectiveTo();
        v.citationName = in.citationName();
        v.citationNumber = in.citationNumber();
        v.citationUrl = in.citationUrl();
        v.owner = in.owner() == null || in.owner().isBlank() ? editor : in.owner().strip();
        v.reviewDate = in.reviewDate();
        v.createdBy = editor;
        v.createdAt = now;
        return v;
    }

    private static void validate(ArticleInput in, boolean creating) {
        if (in == null) {
            throw ProblemException.badRequest("body-required", "Send the article as a JSON body.");
        }
        if (creating) {
            if (in.questionKey() == null || !KEY.matcher(in.questionKey()).matches()) {
                throw ProblemException.invalidField("questionKey",
                        "must be 2-80 lower-case letters, digits and dashes, e.g. cross-province-emergency");
            }
            if (in.scopeRegionCode() == null || in.scopeRegionCode().isBlank()) {
                throw ProblemException.invalidField("scopeRegionCode", "is required: 000000, a province or a city code");
            }
            RegionScope.of("scopeRegionCode", in.scopeRegionCode());
        }
        require("title", in.title(), 200);
        require("answer", in.answer(), 20000);
        require("topic", in.topic(), 32);
        if (in.service() == null || !SERVICES.contains(in.service().strip())) {
            throw ProblemException.invalidField("service", "must be one of " + SERVICES);
        }
        if (in.effectiveFrom() == null) {
            throw ProblemException.invalidField("effectiveFrom", "is required (UTC ISO 8601)");
        }
        if (in.effectiveTo() != null && !in.effectiveTo().isAfter(in.effectiveFrom())) {
            throw ProblemException.invalidField("effectiveTo", "must be after effectiveFrom");
        }
        if (in.citationName() != null && in.citationName().length() > 300) {
            throw ProblemException.invalidField("citationName", "must be at most 300 characters");
        }
        if (in.citationUrl() != null && (in.citationUrl().length() > 500 || !in.citationUrl().matches("https?://\\S+"))) {
            throw ProblemException.invalidField("citationUrl", "must be an http(s) link of at most 500 characters");
        }
    }

    private static void require(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField(field, "is required");
        }
        if (value.length() > max) {
            throw ProblemException.invalidField(field, "must be at most " + max + " characters");
        }
    }
}
