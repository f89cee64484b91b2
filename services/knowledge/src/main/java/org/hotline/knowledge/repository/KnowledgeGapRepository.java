package org.hotline.knowledge.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Records and lists knowledge gaps: questions asked without a good enough answer. */
@ApplicationScoped
public class KnowledgeGapRepository {

    /** A gap as listed for editors. */
    public record GapView(UUID id, String question, String regionCode, String tenant, String channel,
            UUID bestArticleId, double bestConfidence, int timesAsked, OffsetDateTime firstAskedAt,
            OffsetDateTime lastAskedAt) {
    }

    /** One page of gaps and the total. */
    public record GapPage(List<GapView> items, long total) {
    }

    private final Pool pool;

    public KnowledgeGapRepository(Pool pool) {
        this.pool = pool;
    }

    /** Counts one more asking of {@code question} in {@code region}; returns the gap's id. */
    public Uni<UUID> record(String question, String region, String tenant, String channel, UUID bestArticle,
            double bestConfidence) {
        // Long digit runs may be phone or ID numbers of the caller: never stored.
        String safe = question.replaceAll("\\d{7,}", "***");
        String normalised = safe.replaceAll("[\\s\\p{P}\\p{S}]", "");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.preparedQuery("""
                        insert into knowledge_gap (id, question_hash, question, region_code, tenant, channel,
                            best_article_id, best_confidence, times_asked, first_asked_at, last_asked_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9)
                        on conflict (question_hash, region_code) do update set times_asked = knowledge_gap.times_asked + 1,
                            last_asked_at = excluded.last_asked_at, best_article_id = excluded.best_article_id,
                            best_confidence = excluded.best_confidence, closed_at = null
                        returning id""")
                .execute(Tuple.tuple().addUUID(UUID.randomUUID()).addString(sha256(normalised)).addString(safe)
                        .addString(region).addString(tenant).addString(channel).addUUID(bestArticle)
                        .addDouble(bestConfidence).addOffsetDateTime(now))
                .map(rows -> rows.iterator().next().getUUID("id"));
    }

    /** Open gaps of {@code tenant} ({@code *} = all), most recently asked first. */
    public Uni<GapPage> list(String tenant, int page, int size) {
        String where = "closed_at is null and ($1 = '*' or tenant = $1)";
        return pool.preparedQuery("select count(*) as n from knowledge_gap where " + where).execute(Tuple.of(tenant))
                .flatMap(count -> pool.preparedQuery("select * from knowledge_gap where " + where
                                + " order by times_asked desc, last_asked_at desc limit $2 offset $3")
                        .execute(Tuple.of(tenant, size, page * size))
                        .map(rows -> {
                            List<GapView> items = new ArrayList<>();
                            for (Row r : rows) {
                                items.add(new GapView(r.getUUID("id"), r.getString("question"),
                                        r.getString("region_code"), r.getString("tenant"), r.getString("channel"),
                                        r.getUUID("best_article_id"), r.getDouble("best_confidence"),
                                        r.getInteger("times_asked"), r.getOffsetDateTime("first_asked_at"),
                                        r.getOffsetDateTime("last_asked_at")));
                            }
                            return new GapPage(items, count.iterator().next().getLong("n"));
                        }));
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
