package org.hotline.events.consumer;

import io.smallrye.mutiny.Uni;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The part of applying a batch both transports share, inside the caller's transaction: drop the events whose ids
 * this consumer already applied, record the new ids, and run the handler on them.
 */
final class FeedBatches {

    private FeedBatches() {
    }

    /** Applies the new events of {@code batch} in {@code session}'s transaction; returns them. */
    static Uni<List<FeedEvent>> applyNew(Mutiny.Session session, String consumer, FeedHandler handler,
            List<FeedEvent> batch) {
        StringBuilder known = new StringBuilder("SELECT event_id FROM event_applied WHERE consumer = ?1 AND event_id IN (");
        for (int i = 0; i < batch.size(); i++) {
            known.append(i == 0 ? "?" : ", ?").append(i + 2);
        }
        known.append(')');
        var select = session.createNativeQuery(known.toString(), UUID.class).setParameter(1, consumer);
        for (int i = 0; i < batch.size(); i++) {
            select.setParameter(i + 2, batch.get(i).id());
        }
        return select.getResultList().chain(seen -> {
            Set<UUID> already = new HashSet<>(seen);
            // A batch may carry one event twice (a relay that re-published after a crash): keep the first.
            Set<UUID> taken = new HashSet<>();
            List<FeedEvent> fresh = batch.stream().filter(e -> !already.contains(e.id()) && taken.add(e.id())).toList();
            if (fresh.isEmpty()) {
                return Uni.createFrom().item(fresh);
            }
            return remember(session, consumer, fresh).chain(() -> handler.applyAll(fresh)).replaceWith(fresh);
        });
    }

    /**
     * Records the ids as applied. A plain INSERT on purpose: if another replica (a zombie lease holder, or the
     * previous owner of a Kafka partition) applies the same events at the same moment, the primary key makes one
     * of the two transactions fail and roll back.
     */
    private static Uni<Integer> remember(Mutiny.Session session, String consumer, List<FeedEvent> fresh) {
        StringBuilder insert = new StringBuilder("INSERT INTO event_applied (consumer, event_id, applied_at) VALUES ");
        for (int i = 0; i < fresh.size(); i++) {
            insert.append(i == 0 ? "" : ", ").append("(?1, ?").append(i + 2).append(", now())");
        }
        var query = session.createNativeQuery(insert.toString()).setParameter(1, consumer);
        for (int i = 0; i < fresh.size(); i++) {
            query.setParameter(i + 2, fresh.get(i).id());
        }
        return query.executeUpdate();
    }
}
