package org.hotline.intake.service;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Limits the login-free endpoints per client address and minute, so that query codes cannot be enumerated nor the
 * service flooded, counted across all replicas: a fixed-window counter row per client, endpoint group and minute in
 * PostgreSQL, incremented in one statement. Each replica also counts locally: once a client is over the limit on this
 * replica alone, it is refused without asking the database, so a flood costs at most {@code limit} statements per
 * replica and minute. If the database cannot be asked, the local count decides (per replica, as before).
 */
@ApplicationScoped
public class PublicLookupLimiter {

    private static final String HIT = """
            INSERT INTO public_rate_limit (bucket, window_start, hits) VALUES ($1, $2, 1)
            ON CONFLICT (bucket, window_start) DO UPDATE SET hits = public_rate_limit.hits + 1
            RETURNING hits""";

    private final Pool pool;
    private final ConcurrentHashMap<String, AtomicInteger> local = new ConcurrentHashMap<>();
    private volatile long minute = currentMinute();

    public PublicLookupLimiter(Pool pool) {
        this.pool = pool;
    }

    /** Whether {@code client} may make one more request of {@code group} in the current minute. */
    public Uni<Boolean> allow(String group, String client, int perMinute) {
        long now = currentMinute();
        if (now != minute) {
            minute = now;
            local.clear();
        }
        String bucket = abbreviate(group + ":" + client);
        int here = local.computeIfAbsent(bucket, k -> new AtomicInteger()).incrementAndGet();
        if (here > perMinute) {
            return Uni.createFrom().item(false);
        }
        return pool.preparedQuery(HIT).execute(Tuple.of(bucket, now))
                .map(rows -> rows.iterator().next().getInteger("hits") <= perMinute)
                .onFailure().recoverWithItem(e -> {
                    Log.debugf("public rate limit counted on this replica only: %s", e.toString());
                    return true;
                });
    }

    /** Seconds until the current window ends, for Retry-After. */
    public long retryAfterSeconds() {
        return 60 - (System.currentTimeMillis() / 1000) % 60;
    }

    /** Forgets the windows that ended (every replica does it; deleting nothing twice costs nothing). */
    @Scheduled(every = "${hotline.intake.public-rate-limit.purge-interval:5m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return pool.preparedQuery("DELETE FROM public_rate_limit WHERE window_start < $1")
                .execute(Tuple.of(currentMinute() - 1)).replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    Log.debugf("public rate limit windows not purged this time: %s", e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    private static String abbreviate(String bucket) {
        return bucket.length() <= 80 ? bucket : bucket.substring(0, 80);
    }

    private static long currentMinute() {
        return System.currentTimeMillis() / 60_000;
    }
}
