package org.hotline.intake.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.hotline.intake.domain.CallRecord;

/** Stores calls and answers the queue questions (positions, depth, handle times) in SQL. */
@ApplicationScoped
@WithSession
public class CallRecordRepository implements PanacheRepositoryBase<CallRecord, String> {

    /** Waiting calls and waiting callbacks of one queue, deduplicated (a call that took a callback counts once). */
    private static final String QUEUE = """
            select c.call_id as k, c.priority as p, coalesce(c.queued_at, c.offered_at) as place from call_record c
             where c.tenant = :t and c.region_code = :r and c.offered_at is not null and c.answered_at is null
               and c.abandoned_at is null and c.ended_at is null
            union
            select coalesce(b.call_id, b.id::text), b.priority, b.place_at from callback b
             where b.tenant = :t and b.region_code = :r and b.status = 'WAITING'""";

    /** How many entries of the queue come before (priority, place, key): higher priority first, then longest waiting. */
    public Uni<Long> countAhead(String tenant, String region, int priority, Instant place, String key) {
        return getSession().flatMap(s -> s.createNativeQuery("select count(*) from (" + QUEUE + ") q"
                        + " where q.p > :p or (q.p = :p and (q.place < :place or (q.place = :place and q.k < :k)))",
                        Long.class)
                .setParameter("t", tenant).setParameter("r", region).setParameter("p", priority)
                .setParameter("place", place).setParameter("k", key)
                .getSingleResult());
    }

    /** The key (call id or callback id) at the head of the queue, or null when the queue is empty. */
    public Uni<String> head(String tenant, String region) {
        return getSession().flatMap(s -> s.createNativeQuery("select q.k from (" + QUEUE + ") q"
                        + " order by q.p desc, q.place, q.k limit 1", String.class)
                .setParameter("t", tenant).setParameter("r", region)
                .getResultList())
                .map(list -> list.isEmpty() ? null : list.get(0));
    }

    /** Depth of every non-empty queue: rows of tenant, region, count. */
    public Uni<List<Object[]>> depths() {
        return getSession().flatMap(s -> s.createNativeQuery("""
                select t, r, count(*) from (
                  select c.tenant as t, c.region_code as r, c.call_id as k from call_record c
                   where c.offered_at is not null and c.answered_at is null and c.abandoned_at is null
                     and c.ended_at is null and c.tenant is not null and c.region_code is not null
                  union
                  select b.tenant, b.region_code, coalesce(b.call_id, b.id::text) from callback b
                   where b.status = 'WAITING' and b.region_code is not null) q
                group by t, r""", Object[].class).getResultList());
    }

    /** Average handle time (answered to ended) of the queue's calls ended since {@code since}, or null. */
    public Uni<Double> averageHandleSeconds(String tenant, String region, Instant since) {
        return getSession().flatMap(s -> s.createNativeQuery("""
                select avg(extract(epoch from (ended_at - answered_at)))::float8 from call_record
                 where tenant = :t and region_code = :r and ended_at >= :since and answered_at is not null
                   and ended_at > answered_at""", Double.class)
                .setParameter("t", tenant).setParameter("r", region).setParameter("since", since)
                .getSingleResultOrNull());
    }

    /** Calls offered to the queue since {@code since}. */
    public Uni<Long> offeredSince(String tenant, String region, Instant since) {
        return count("tenant = ?1 and regionCode = ?2 and offeredAt >= ?3", tenant, region, since);
    }

    /** Inserts an empty call row unless it exists, so concurrent first events of one call never collide. */
    public Uni<Integer> insertIfAbsent(String callId, Instant now) {
        return getSession().flatMap(s -> s.createNativeQuery("""
                insert into call_record (call_id, priority, created_at, updated_at) values (:id, 0, :now, :now)
                on conflict (call_id) do nothing""")
                .setParameter("id", callId).setParameter("now", now).executeUpdate());
    }

    /** Records a switch event once; 0 means the event id was seen before. */
    public Uni<Integer> recordEvent(String eventId, String callId, String type, Instant occurredAt, Instant now) {
        return getSession().flatMap(s -> s.createNativeQuery("""
                insert into call_event (event_id, call_id, type, occurred_at, received_at)
                values (:e, :c, :t, :o, :now) on conflict (event_id) do nothing""")
                .setParameter("e", eventId).setParameter("c", callId).setParameter("t", type)
                .setParameter("o", occurredAt).setParameter("now", now).executeUpdate());
    }

    public Uni<List<CallRecord>> page(String tenant, int page, int size) {
        var query = tenant == null
                ? findAll(Sort.by("createdAt").descending())
                : find("tenant", Sort.by("createdAt").descending(), tenant);
        return query.page(Page.of(page, size)).list();
    }

    public Uni<Long> countFor(String tenant) {
        return tenant == null ? count() : count("tenant", tenant);
    }
}
