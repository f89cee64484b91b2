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

    /** The question as stored: long digit runs may be phone or ID numbers of the caller and are never stored. */
    public static String stored(String question) {
        return question.replaceAll("\\d{7,}", "***");
    }

    /** What identifies a gap within a region: the stored question without spaces, punctuation and symbols. */
    public static String questionHash(String question) {
        return sha256(stored(question).replaceAll("[\\s\\p{P}\\p{S}]", ""));
    }

    /** Asks of a known gap counted since the last write, added to it in one statement. */
    public record Asks(UUID id, int times, OffsetDateTime lastAskedAt, UUID bestArticleId, double bestConfidence) {
    }

    /** Adds counted asks to their gaps (reopening closed ones, as a new ask does). */
    public Uni<Void> add(List<Asks> asks) {
        List<Tuple> rows = new ArrayList<>(asks.size());
        for (Asks a : asks) {
            rows.add(Tuple.tuple().addUUID(a.id()).addInteger(a.times()).addOffsetDateTime(a.lastAskedAt())
                    .addUUID(a.bestArticleId()).addDouble(a.bestConfidence()));
        }
        return pool.preparedQuery("""
                        update knowledge_gap set times_asked = times_asked + $2,
                            last_asked_at = greatest(last_asked_at, $3), best_article_id = $4, best_confidence = $5,
                            closed_at = null
                        where id = $1""")
                .executeBatch(rows).replaceWithVoid();
    }

    /** Counts one more asking of {@code question} in {@code region}; returns the gap's id. */
    public Uni<UUID> record(String question, String region, String tenant, String channel, UUID bestArticle,
            double bestConfidence) {
        String safe = stored(question);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.preparedQuery("""
                        insert into knowledge_gap (id, question_hash, question, region_code, tenant, channel,
                            best_article_id, best_confidence, times_asked, first_asked_at, last_asked_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9)
                        on conflict (question_hash, region_code) do update set times_asked = knowledge_gap.times_asked + 1,
                            last_asked_at = excluded.last_asked_at, best_article_id = excluded.best_article_id,
                            best_confidence = excluded.best_confidence, closed_at = null
                        returning id""")
                .execute(Tuple.tuple().addUUID(UUID.randomUUID()).addString(questionHash(question)).addString(safe)
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
