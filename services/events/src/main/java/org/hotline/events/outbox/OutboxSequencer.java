package org.hotline.events.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.hotline.events.config.EventsConfig;
import org.hotline.events.schema.EventsSchema;

/**
 * Gives committed outbox rows their feed position, and deletes events past retention.
 *
 * <p>Why positions are not taken at insert time: concurrent producer transactions commit in any order, so a
 * sequence value taken at insert could become visible after a higher one a consumer has already passed, and that
 * event would be skipped for ever. Here one transaction at a time (the feed-state row is locked) numbers the rows
 * that are already committed, in insert order, continuing from the head: a reader can never see a gap fill in later.
 */
@ApplicationScoped
public class OutboxSequencer {

    private static final String LOCK_STATE =
            "SELECT head FROM outbox_feed_state WHERE id = 1 FOR UPDATE SKIP LOCKED";
    private static final String NUMBER = "WITH batch AS (SELECT seq, row_number() OVER (ORDER BY seq) AS rn "
            + "FROM outbox_event WHERE position IS NULL ORDER BY seq LIMIT ?) "
            + "UPDATE outbox_event o SET position = ? + b.rn FROM batch b WHERE o.seq = b.seq";
    /** Whether any committed row waits for its position: a read through the partial index, no lock, no WAL. */
    private static final String WAITING = "SELECT EXISTS (SELECT 1 FROM outbox_event WHERE position IS NULL)";
    private static final String ADVANCE = "UPDATE outbox_feed_state SET head = head + ? WHERE id = 1";
    private static final String PRUNE = "WITH gone AS (DELETE FROM outbox_event WHERE position IS NOT NULL "
            + "AND position <= (SELECT max(position) FROM outbox_event WHERE position IS NOT NULL AND occurred_at < ?) "
            + "%s RETURNING position) "
            + "UPDATE outbox_feed_state SET pruned_through = greatest(pruned_through, "
            + "(SELECT coalesce(max(position), 0) FROM gone)) WHERE id = 1 RETURNING pruned_through";

    /** With the kafka transport, rows the relay has not published yet are kept whatever their age. */
    private static final String UNPUBLISHED_KEPT = "AND position <= (SELECT published_through FROM outbox_relay WHERE id = 1)";

    private final DataSource dataSource;
    private final EventsConfig.Producer config;
    private final String prune;
    private final EventsSchema schema;
    private final MeterRegistry registry;
    private final AtomicLong head = new AtomicLong();
    /** Set once the head was read from the database (the gauge is right from then on, even on an idle feed). */
    private volatile boolean headKnown;
    private ScheduledExecutorService executor;

    public OutboxSequencer(DataSource dataSource, EventsConfig config, EventsSchema schema, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.config = config.producer();
        this.prune = PRUNE.formatted(config.transport() == EventsConfig.Transport.KAFKA ? UNPUBLISHED_KEPT : "");
        this.schema = schema;
        this.registry = registry;
    }

    void start(@Observes StartupEvent start) {
        if (!config.enabled()) {
            return;
        }
        Gauge.builder("hotline_feed_head_position", head, AtomicLong::get)
                .description("Highest position published on this service's feed")
                .tag("feed", config.feedName()).tag("tenant", "*")
                .register(registry);
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "outbox-sequencer"));
        executor.execute(() -> {
            try {
                schema.awaitReady();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long every = config.sequenceInterval().toMillis();
        executor.scheduleWithFixedDelay(this::sequenceQuietly, every, every, TimeUnit.MILLISECONDS);
        long pruneEvery = config.retentionInterval().toMillis();
        executor.scheduleWithFixedDelay(this::pruneQuietly, 10_000, pruneEvery, TimeUnit.MILLISECONDS);
        Log.infof("Feed '%s': outbox sequencer every %d ms, retention %s", config.feedName(), every,
                config.retention());
    }

    void stop(@Observes ShutdownEvent stop) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void sequenceQuietly() {
        try {
            while (sequence() == config.sequenceBatch()) {
                // A full batch: more rows are probably waiting, number them without waiting for the next tick.
            }
        } catch (SQLException | RuntimeException e) {
            Log.warnf("Outbox sequencing failed, will retry: %s", e.getMessage());
        }
    }

    /** Numbers up to one batch of committed rows; returns how many. Public for tests and tools. */
    public int sequence() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (headKnown && !waiting(c)) {
                // An idle feed costs a read ten times a second, not a row lock whose commit flushes the WAL to disk
                // (ten fsyncs a second per service at rest).
                return 0;
            }
            c.setAutoCommit(false);
            try {
                long current;
                try (PreparedStatement lock = c.prepareStatement(LOCK_STATE); ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()) {
                        c.rollback();
                        return 0; // another replica is sequencing right now
                    }
                    current = rs.getLong(1);
                }
                int numbered;
                try (PreparedStatement number = c.prepareStatement(NUMBER)) {
                    number.setInt(1, config.sequenceBatch());
                    number.setLong(2, current);
                    numbered = number.executeUpdate();
                }
                if (numbered > 0) {
                    try (PreparedStatement advance = c.prepareStatement(ADVANCE)) {
                        advance.setLong(1, numbered);
                        advance.executeUpdate();
                    }
                }
                c.commit();
                head.set(current + numbered);
                headKnown = true;
                return numbered;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static boolean waiting(Connection c) throws SQLException {
        try (PreparedStatement check = c.prepareStatement(WAITING); ResultSet rs = check.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private void pruneQuietly() {
        try (Connection c = dataSource.getConnection(); PreparedStatement delete = c.prepareStatement(prune)) {
            delete.setTimestamp(1, Timestamp.from(Instant.now().minus(config.retention())));
            try (ResultSet rs = delete.executeQuery()) {
                if (rs.next()) {
                    Log.debugf("Feed '%s' retention: positions up to %d are gone", config.feedName(), rs.getLong(1));
                }
            }
        } catch (SQLException | RuntimeException e) {
            Log.warnf("Outbox retention failed, will retry: %s", e.getMessage());
        }
    }
}
