package org.hotline.events.transport;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.hotline.events.outbox.NewEvent;
import org.junit.jupiter.api.Test;

/**
 * What every transport of the event feeds must do, run once per transport ({@link GrpcFeedTest},
 * {@link KafkaFeedTest}): the test application publishes through the transactional outbox and applies its own feed
 * with a {@link Ledger} consumer, and the tests check the consumer's stored state.
 */
abstract class FeedTransportContract {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    LedgerWriter writer;

    @Inject
    Ledger ledger;

    @Inject
    DataSource dataSource;

    @Test
    void everyCommittedEventIsAppliedOnceAndEachAggregateInOrder() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int aggregates = 30;
        int perAggregate = 100;
        // Two writers, each owning half of the aggregates, commit transactions of 250 events at the same time:
        // commits of the two interleave, while each aggregate's events are committed in their order.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int parity = w;
                writers.add(pool.submit(() -> {
                    List<NewEvent> events = new ArrayList<>();
                    for (int seq = 0; seq < perAggregate; seq++) {
                        for (int aggregate = parity; aggregate < aggregates; aggregate += 2) {
                            events.add(LedgerWriter.credited(aggregate % 4 < 2 ? "37" : "42", run + "-" + aggregate,
                                    seq));
                            if (events.size() == 250) {
                                write(List.copyOf(events));
                                events.clear();
                            }
                        }
                    }
                    write(events);
                }));
            }
            for (Future<?> w : writers) {
                w.get();
            }
        } finally {
            pool.shutdown();
        }
        long total = (long) aggregates * perAggregate;
        await("all " + total + " events applied", () -> count("SELECT count(*) FROM ledger_entry WHERE aggregate_id "
                + "LIKE '" + run + "-%'"), total);
        assertEquals(aggregates, count("SELECT count(DISTINCT aggregate_id) FROM ledger_entry WHERE aggregate_id LIKE '"
                + run + "-%'"));
        assertEquals(0, count("SELECT count(*) FROM (SELECT aggregate_id FROM ledger_entry WHERE aggregate_id LIKE '"
                + run + "-%' GROUP BY aggregate_id HAVING count(*) <> " + perAggregate + " OR min(seq) <> 0 OR max(seq) <> "
                + (perAggregate - 1) + ") incomplete"), "each aggregate has exactly its events 0..99");
        assertEquals(0, outOfOrder(run), "each aggregate's events applied in the order they were written");
        assertEquals(count("SELECT count(*) FROM ledger_entry"),
                count("SELECT count(*) FROM event_applied WHERE consumer = '" + Ledger.CONSUMER + "'"),
                "one applied id per ledger entry");
        awaitCaughtUp();
    }

    @Test
    void eventsOfARolledBackTransactionNeverReachTheConsumer() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<NewEvent> doomed = List.of(LedgerWriter.credited("37", run + "-doomed", 0),
                LedgerWriter.credited("37", run + "-doomed", 1));
        try {
            VertxContextSupport.subscribeAndAwait(() -> writer.writeThenFail(doomed));
        } catch (Throwable expected) {
            assertEquals("rolled back", expected.getMessage());
        }
        write(List.of(LedgerWriter.credited("37", run + "-after", 0)));
        await("the event written after the rollback", () -> count("SELECT count(*) FROM ledger_entry WHERE aggregate_id = '"
                + run + "-after'"), 1);
        awaitCaughtUp();
        assertEquals(0, count("SELECT count(*) FROM ledger_entry WHERE aggregate_id = '" + run + "-doomed'"));
        assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE aggregate_id = '" + run + "-doomed'"));
    }

    @Test
    void aBatchWhoseHandlerFailsIsRolledBackAndAppliedAgainWithoutLossOrRepeat() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int failuresBefore = ledger.failures();
        ledger.failOnceOn(run + "-3");
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(LedgerWriter.credited("42", run + "-" + (i % 5), i / 5));
        }
        write(events);
        await("200 events applied", () -> count("SELECT count(*) FROM ledger_entry WHERE aggregate_id LIKE '" + run
                + "-%'"), 200);
        awaitCaughtUp();
        assertEquals(failuresBefore + 1, ledger.failures(), "the handler failed once on the way");
        assertEquals(200, count("SELECT count(DISTINCT event_id) FROM ledger_entry WHERE aggregate_id LIKE '" + run
                + "-%'"));
        assertEquals(0, outOfOrder(run));
    }

    @Test
    void lagAndAppliedEventsAreInTheMetricsAndReadinessNamesTheTransport() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        write(List.of(LedgerWriter.credited("37", run + "-m", 0)));
        await("the event applied", () -> count("SELECT count(*) FROM ledger_entry WHERE aggregate_id = '" + run
                + "-m'"), 1);
        awaitCaughtUp();
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        List<Double> lags = values(metrics, "hotline_feed_lag");
        assertFalse(lags.isEmpty(), "a lag gauge for the consumer");
        assertTrue(lags.stream().allMatch(v -> v == 0.0), "no lag once caught up: " + lags);
        assertTrue(metrics.contains("hotline_feed_events_applied_total{consumer=\"" + Ledger.CONSUMER
                + "\",feed=\"" + Ledger.FEED + "\",tenant=\"37\",type=\"" + LedgerWriter.TYPE + "\"}"), "applied count");
        assertEquals(List.of(0.0), values(metrics, "hotline_feed_stalled"));
        String ready = given().when().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertTrue(ready.contains("\"transport\": \"" + transport() + "\"") || ready.contains("\"transport\":\""
                + transport() + "\""), ready);
    }

    /** The transport's name as configured ({@code grpc}, {@code kafka}). */
    abstract String transport();

    /** Waits until the consumer has applied everything the producer published (lag 0 on every gauge). */
    abstract void awaitCaughtUp() throws Exception;

    // --- helpers -----------------------------------------------------------------------------------------------

    void write(List<NewEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            VertxContextSupport.subscribeAndAwait(() -> writer.write(events));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pairs of consecutive entries of one aggregate (in applied order) whose numbers go backwards or repeat. */
    long outOfOrder(String run) {
        return count("SELECT count(*) FROM (SELECT seq, lag(seq) OVER (PARTITION BY aggregate_id ORDER BY applied_order) "
                + "AS previous FROM ledger_entry WHERE aggregate_id LIKE '" + run + "-%') t WHERE previous IS NOT NULL "
                + "AND seq <> previous + 1");
    }

    long count(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(String what, LongSupplier value, long target) {
        Instant deadline = Instant.now().plus(PATIENCE);
        long v;
        while ((v = value.getAsLong()) < target) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting for " + what + " (at " + v + ")");
            }
            pause(50);
        }
        assertEquals(target, v, what);
    }

    /** The values of {@code name}'s series of the test consumer. */
    static List<Double> values(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*consumer=\"" + Ledger.CONSUMER + "\"[^}]*\\} (\\S+)$")
                .matcher(metrics);
        List<Double> values = new ArrayList<>();
        while (m.find()) {
            values.add(Double.parseDouble(m.group(1)));
        }
        return values;
    }

    static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
