package org.hotline.events.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Writes events into the outbox of the caller's current Hibernate Reactive transaction: the event commits with
 * the state change that caused it, or not at all. Call it from a {@code @WithTransaction} method, after the change.
 */
@ApplicationScoped
public class EventOutbox {

    /** Rows per INSERT statement when appending many events (8 parameters each, well under PostgreSQL's limit). */
    static final int ROWS_PER_STATEMENT = 500;

    /** The outbox's columns, in the order of {@link #values}: for producers that write an event in a statement of their own. */
    public static final String COLUMNS = "id, type, tenant, aggregate_id, occurred_at, payload_type, payload_version, payload";

    private static final String INSERT = "INSERT INTO outbox_event (" + COLUMNS + ") VALUES ";

    /** Appends one event to the current transaction; fails when there is no transaction. */
    public Uni<Void> append(NewEvent event) {
        return appendAll(List.of(event));
    }

    /** Appends events, in this order, to the current transaction; fails when there is no transaction. */
    public Uni<Void> appendAll(List<NewEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.currentTransaction()
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "EventOutbox.append must run inside the caller's transaction (@WithTransaction)"))
                .chain(tx -> Panache.getSession())
                .chain(session -> insertChunks(session, events, 0));
    }

    /**
     * One event's row in the order of {@link #COLUMNS} (the payload as bytes). A producer that writes its state change
     * and the event in one native statement (intake's contacts, on the hot path) inserts these values; the row must
     * commit with the change, exactly as {@link #append} guarantees.
     */
    public static List<Object> values(NewEvent e) {
        return List.of(e.id(), e.type(), e.tenant(), e.aggregateId(), OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC),
                e.payload().getDescriptorForType().getFullName(), e.payloadVersion(), e.payload().toByteArray());
    }

    private Uni<Void> insertChunks(Mutiny.Session session, List<NewEvent> events, int from) {
        if (from >= events.size()) {
            return Uni.createFrom().voidItem();
        }
        List<NewEvent> chunk = events.subList(from, Math.min(events.size(), from + ROWS_PER_STATEMENT));
        StringBuilder sql = new StringBuilder(INSERT);
        List<Object> params = new ArrayList<>(chunk.size() * 8);
        for (int i = 0; i < chunk.size(); i++) {
            int p = i * 8;
            sql.append(i == 0 ? "" : ", ").append("(?").append(p + 1).append(", ?").append(p + 2)
                    .append(", ?").append(p + 3).append(", ?").append(p + 4).append(", ?").append(p + 5)
                    .append(", ?").append(p + 6).append(", ?").append(p + 7).append(", ?").append(p + 8).append(")");
            params.addAll(values(chunk.get(i)));
        }
        var query = session.createNativeQuery(sql.toString());
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query.executeUpdate().chain(n -> insertChunks(session, events, from + chunk.size()));
    }
}
