package org.hotline.knowledge.repository;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.knowledge.service.ArticleIndex;
import org.hotline.knowledge.service.ArticleSnapshot;

/**
 * Reads articles with their published versions for the search index. Uses the plain reactive client rather than
 * Hibernate sessions because it runs from start-up and from change notifications, outside any request context.
 * Rows are turned into snapshots on a worker thread (the index analyses their words).
 */
@ApplicationScoped
public class ArticleSnapshotRepository {

    private static final String SELECT = """
            select a.id, a.question_key, a.scope_region_code, a.archived_at is not null as archived,
                   v.version, v.title, v.question_variants, v.answer, v.topic, v.service, v.effective_from,
                   v.effective_to, v.citation_name, v.citation_number, v.citation_url
            from article a join article_version v on v.article_id = a.id and v.status = 'PUBLISHED'
            """;

    private final Pool pool;
    private final ArticleIndex index;

    public ArticleSnapshotRepository(Pool pool, ArticleIndex index) {
        this.pool = pool;
        this.index = index;
    }

    /** Every article with at least one published version. */
    public Uni<List<ArticleSnapshot>> loadAll() {
        return pool.query(SELECT + " where a.archived_at is null order by a.id, v.version").execute()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(this::snapshots);
    }

    /** One article, or null when it has no published version (or is archived). */
    public Uni<ArticleSnapshot> load(UUID id) {
        return pool.preparedQuery(SELECT + " where a.id = $1 order by v.version").execute(Tuple.of(id))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(rows -> {
                    List<ArticleSnapshot> list = snapshots(rows);
                    return list.isEmpty() ? null : list.get(0);
                });
    }

    private List<ArticleSnapshot> snapshots(Iterable<Row> rows) {
        Map<UUID, List<Row>> byArticle = new LinkedHashMap<>();
        for (Row row : rows) {
            byArticle.computeIfAbsent(row.getUUID("id"), k -> new ArrayList<>()).add(row);
        }
        // A title, its 同义问法, a citation recur in every city that answers the same question: held once each.
        Map<String, String> shared = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.function.UnaryOperator<String> once = v -> v == null ? null : shared.computeIfAbsent(v, k -> k);
        return byArticle.entrySet().stream().map(e -> {
            UUID id = e.getKey();
            List<Row> list = e.getValue();
            Row first = list.get(0);
            List<ArticleSnapshot.PublishedVersion> versions = list.stream().map(r -> new ArticleSnapshot.PublishedVersion(
                    r.getInteger("version"), once.apply(r.getString("title")),
                    once.apply(r.getString("question_variants")), r.getString("answer"),
                    once.apply(r.getString("topic")), once.apply(r.getString("service")),
                    instant(r.getOffsetDateTime("effective_from")), instant(r.getOffsetDateTime("effective_to")),
                    once.apply(r.getString("citation_name")), once.apply(r.getString("citation_number")),
                    once.apply(r.getString("citation_url")))).toList();
            return new ArticleSnapshot(id, once.apply(first.getString("question_key")),
                    once.apply(first.getString("scope_region_code")),
                    first.getBoolean("archived"), versions);
        }).toList();
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
