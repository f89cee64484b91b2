package org.hotline.knowledge.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hotline.knowledge.service.Vocabulary.Kind;

/** Editors' vocabulary entries. Every read of a tenant's entries names the tenants it may see. */
@ApplicationScoped
public class VocabularyRepository {

    /** A stored entry. */
    public record StoredEntry(UUID id, String tenant, Kind kind, String line, String createdBy,
            OffsetDateTime createdAt) {
    }

    private final Pool pool;

    public VocabularyRepository(Pool pool) {
        this.pool = pool;
    }

    /** Every entry of every tenant, for building the in-memory vocabulary. */
    public Uni<List<StoredEntry>> all() {
        return pool.query("select * from vocabulary_entry order by created_at, id").execute().map(VocabularyRepository::entries);
    }

    /** Entries of {@code tenants} (null = all), optionally of one kind. */
    public Uni<List<StoredEntry>> visible(List<String> tenants, Kind kind) {
        return pool.preparedQuery("select * from vocabulary_entry where ($1::text[] is null or tenant = any($1)) "
                        + "and ($2::text is null or kind = $2) order by tenant, kind, line")
                .execute(Tuple.of(tenants == null ? null : tenants.toArray(new String[0]), kind == null ? null : kind.name()))
                .map(VocabularyRepository::entries);
    }

    /** Stores an entry (an identical one is returned as it is) and notifies every replica in the same transaction. */
    public Uni<StoredEntry> add(String tenant, Kind kind, String line, String editor, String channel) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.withTransaction(c -> c.preparedQuery("insert into vocabulary_entry (id, tenant, kind, line, "
                        + "created_by, created_at) values ($1, $2, $3, $4, $5, $6) on conflict (tenant, kind, line) "
                        + "do nothing").execute(Tuple.of(id, tenant, kind.name(), line, editor, now))
                .flatMap(x -> c.preparedQuery("select * from vocabulary_entry where tenant = $1 and kind = $2 and line = $3")
                        .execute(Tuple.of(tenant, kind.name(), line)))
                .flatMap(rows -> c.preparedQuery("select cast(pg_notify($1, 'vocabulary') as text)")
                        .execute(Tuple.of(channel)).replaceWith(entries(rows).get(0))));
    }

    /** Deletes an entry of one of {@code tenants} (null = any); false when there is none visible. */
    public Uni<Boolean> delete(UUID id, List<String> tenants, String channel) {
        return pool.withTransaction(c -> c.preparedQuery("delete from vocabulary_entry where id = $1 and "
                        + "($2::text[] is null or tenant = any($2))")
                .execute(Tuple.of(id, tenants == null ? null : tenants.toArray(new String[0])))
                .flatMap(r -> r.rowCount() == 0 ? Uni.createFrom().item(false)
                        : c.preparedQuery("select cast(pg_notify($1, 'vocabulary') as text)").execute(Tuple.of(channel))
                                .replaceWith(true)));
    }

    private static List<StoredEntry> entries(Iterable<Row> rows) {
        List<StoredEntry> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new StoredEntry(r.getUUID("id"), r.getString("tenant"), Kind.valueOf(r.getString("kind")),
                    r.getString("line"), r.getString("created_by"), r.getOffsetDateTime("created_at")));
        }
        return out;
    }
}
