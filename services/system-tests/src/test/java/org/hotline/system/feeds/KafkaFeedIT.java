package org.hotline.system.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotline.system.ServiceProcess;
import org.hotline.testing.KafkaTestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Event feeds on the kafka transport end to end (issue 17): evaluation's outbox relay publishes to a real Kafka broker
 * (Kafka's own KRaft test kit, in this JVM), appraisal replicas consume it as one consumer group; all are real
 * processes, killed with SIGKILL mid-stream. Events come from evaluation's import API (500 per request, each with its
 * own Idempotency-Key, retried until accepted), so the test knows exactly what appraisal's counts must be. The
 * databases are the {@code _it2} ones, so this class never meets {@link EventFeedIT}'s. Expectations are cumulative
 * over the ordered tests. With {@code -Dbench=true} only {@link #benchmark()} runs (see docs/events.md).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaFeedIT {

    private static final String CONSUMER = EvaluationImportLoad.CONSUMER;
    private static final String SUFFIX = "_it2";
    private static final int PARTITIONS = 6;
    private static final Duration PATIENCE = EvaluationImportLoad.PATIENCE;

    private static KafkaTestBroker broker;
    private static String topicPrefix;
    private static ServiceProcess evaluation;
    private static ServiceProcess appraisal;
    private static ServiceProcess appraisalTwin;
    private static final ExecutorService writer = Executors.newFixedThreadPool(2);
    private static final EvaluationImportLoad load = new EvaluationImportLoad(SUFFIX, () -> evaluation);
    /** The writes in progress: a failed import must fail the test at once, not as a timeout elsewhere. */
    private static volatile Future<?> writing;

    @BeforeAll
    static void startSuite() {
        broker = KafkaTestBroker.start();
        if (Boolean.getBoolean("bench")) {
            return; // the benchmark starts what each of its configurations needs
        }
        start("kafka", 1);
    }

    @AfterAll
    static void stopSuite() {
        writer.shutdownNow();
        stopServices();
        if (broker != null) {
            broker.close();
        }
    }

    /** Fresh databases and topic; evaluation plus {@code replicas} appraisal replicas on {@code transport}. */
    private static void start(String transport, int replicas) {
        ServiceProcess.resetDatabase("evaluation", SUFFIX);
        ServiceProcess.resetDatabase("appraisal", SUFFIX);
        load.reset();
        topicPrefix = "hotline-it-" + Long.toHexString(System.nanoTime()) + ".";
        evaluation = on(transport, ServiceProcess.of("evaluation")).start();
        appraisal = consumer(transport).start();
        appraisalTwin = replicas > 1 ? consumer(transport).start() : null;
        for (int i = 2; i < replicas; i++) {
            extraReplicas.add(consumer(transport).start());
        }
    }

    private static final List<ServiceProcess> extraReplicas = new ArrayList<>();

    private static void stopServices() {
        extraReplicas.forEach(ServiceProcess::stop);
        extraReplicas.clear();
        for (ServiceProcess p : new ServiceProcess[] { appraisalTwin, appraisal, evaluation }) {
            if (p != null) {
                p.stop();
            }
        }
        appraisalTwin = null;
    }

    /** Through the chart's values, as a deployment sets them: {@code events.transport}, {@code kafka.*}. */
    private static ServiceProcess on(String transport, ServiceProcess p) {
        // Small pools: up to five processes share the machine's PostgreSQL with the other suites.
        p.with("hotline.db.suffix", SUFFIX).withChartValue("events.transport", transport)
                .with("quarkus.datasource.reactive.max-size", Boolean.getBoolean("bench") ? "4" : "8");
        if (transport.equals("kafka")) {
            p.withChartValue("kafka.bootstrapServers", broker.bootstrapServers())
                    .withChartValue("kafka.topicPrefix", topicPrefix)
                    .withChartValue("kafka.partitions", PARTITIONS);
        }
        return p;
    }

    private static ServiceProcess consumer(String transport) {
        return on(transport, ServiceProcess.of("appraisal")).calling("evaluation", evaluation);
    }

    @Test
    @Order(1)
    @DisabledIfSystemProperty(named = "bench", matches = "true")
    void consumerKilledAndRestartedTwiceMidStreamEndsWithExactlyWhatTenThousandEventsImply() throws Exception {
        long base = load.written();
        writing = writer.submit(() -> load.write(10_000, 300));
        awaitApplied(base + 1_500);
        appraisal.kill();
        appraisal.start();
        awaitApplied(base + 4_000);
        appraisal.kill();
        appraisal.start();
        writing.get(3, TimeUnit.MINUTES);
        awaitCaughtUp();
        load.assertConsumerStateMatchesEvents(appraisal, true);
    }

    @Test
    @Order(2)
    @DisabledIfSystemProperty(named = "bench", matches = "true")
    void relayKilledAndRestartedMidStreamEndsWithExactlyWhatTheEventsImply() throws Exception {
        long start = load.published();
        writing = writer.submit(() -> load.write(10_000, 300));
        awaitValue("relay published " + (start + 4_000), load::published, start + 4_000);
        evaluation.kill();
        pause(1_000);
        evaluation.start();
        writing.get(3, TimeUnit.MINUTES);
        awaitCaughtUp();
        load.assertConsumerStateMatchesEvents(appraisal, true);
    }

    @Test
    @Order(3)
    @DisabledIfSystemProperty(named = "bench", matches = "true")
    void twoReplicasApplyPartitionsAtOnceAndTheSurvivorTakesAllWhenOneIsKilled() throws Exception {
        appraisalTwin = consumer("kafka").start();
        awaitValue("both replicas own partitions", () -> metric(appraisal, "hotline_feed_partitions_assigned") > 0
                && metric(appraisalTwin, "hotline_feed_partitions_assigned") > 0 ? 1 : 0, 1);
        assertEquals(PARTITIONS, metric(appraisal, "hotline_feed_partitions_assigned")
                + metric(appraisalTwin, "hotline_feed_partitions_assigned"), "the partitions are split between them");
        long start = load.written();
        writing = writer.submit(() -> load.write(6_000, 200));
        // Both apply during the same moments: between two looks, each replica's applied count grew.
        double a = applied(appraisal);
        double b = applied(appraisalTwin);
        boolean together = false;
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!together && Instant.now().isBefore(deadline)) {
            pause(500);
            double a2 = applied(appraisal);
            double b2 = applied(appraisalTwin);
            together = a2 > a && b2 > b;
            a = a2;
            b = b2;
        }
        assertTrue(together, "two replicas applied events in the same half second");
        awaitApplied(start + 2_000);
        appraisalTwin.kill();
        awaitValue("the survivor owns every partition", () -> (long) metric(appraisal,
                "hotline_feed_partitions_assigned"), PARTITIONS);
        writing.get(3, TimeUnit.MINUTES);
        awaitCaughtUp();
        load.assertConsumerStateMatchesEvents(appraisal, true);
        assertTrue(applied(appraisal) > 0);
    }

    @Test
    @Order(4)
    @DisabledIfSystemProperty(named = "bench", matches = "true")
    void lagPerPartitionIsInTheMetricsAndReadinessSeesTheBroker() throws Exception {
        awaitCaughtUp();
        String metrics = get(appraisal.baseUrl() + "/q/metrics", null).body();
        Matcher lag = Pattern.compile("(?m)^hotline_feed_lag\\{consumer=\"" + CONSUMER
                + "\",feed=\"evaluation\",partition=\"(\\d+)\",tenant=\"\\*\"\\} (\\S+)$").matcher(metrics);
        int partitions = 0;
        while (lag.find()) {
            partitions++;
        }
        assertEquals(PARTITIONS, partitions, "one lag gauge per partition the replica owns");
        awaitValue("no lag on any partition", () -> get(appraisal.baseUrl() + "/q/metrics", null).body()
                .lines().filter(l -> l.startsWith("hotline_feed_lag{")).allMatch(l -> l.endsWith(" 0.0")) ? 1 : 0, 1);
        String ready = get(appraisal.baseUrl() + "/q/health/ready", null).body();
        assertTrue(ready.contains("hotline-events-kafka") && ready.contains("\"brokers\": 1")
                || ready.contains("\"brokers\":1"), ready);
        String producer = get(evaluation.baseUrl() + "/q/health/ready", null).body();
        assertTrue(producer.contains("published-through"), producer);
    }

    // --- benchmark (not a pass/fail timing test: it prints figures for docs/events.md) --------------------------

    /**
     * {@code ./mvnw -B verify -pl services/testing,services/system-tests -Dit.test=KafkaFeedIT -Dbench=true -Dtest=none
     * -Dsurefire.failIfNoSpecifiedTests=false} (optionally {@code -Dbench.events=20000 -Dbench.setups=grpc:1,kafka:3}).
     */
    @Test
    @Order(99)
    @EnabledIfSystemProperty(named = "bench", matches = "true")
    void benchmark() throws Exception {
        int events = Integer.getInteger("bench.events", 20_000);
        List<String> lines = new ArrayList<>();
        // -Dbench.setups picks configurations, e.g. kafka:3 (transport:consumer replicas).
        for (String item : System.getProperty("bench.setups", "grpc:1,kafka:1,kafka:3").split(",")) {
            String[] setup = item.trim().split(":");
            start(setup[0], Integer.parseInt(setup[1]));
            load.write(1_000, 0); // warm-up: JIT, pools, group join
            awaitCaughtUp(setup[0]);
            Instant began = Instant.now();
            List<Future<?>> writers = List.of(writer.submit(() -> load.write(events / 2, 0)),
                    writer.submit(() -> load.write(events / 2, 0)));
            for (Future<?> w : writers) {
                w.get(10, TimeUnit.MINUTES);
            }
            Duration producing = Duration.between(began, Instant.now());
            awaitCaughtUp(setup[0]);
            Duration total = Duration.between(began, Instant.now());
            long[] lag = lagMillis(began);
            lines.add(String.format("[bench] %-5s %s consumer replica(s): %d events, produced in %.1f s (%.0f/s), "
                    + "applied in %.1f s (%.0f/s end to end); lag occurred->applied p50 %d ms, p95 %d ms, max %d ms",
                    setup[0], setup[1], events, producing.toMillis() / 1000.0, events * 1000.0 / producing.toMillis(),
                    total.toMillis() / 1000.0, events * 1000.0 / total.toMillis(), lag[0], lag[1], lag[2]));
            System.out.println(lines.get(lines.size() - 1));
            stopServices();
        }
        lines.forEach(System.out::println);
    }

    /** p50, p95 and max of applied_at - occurred_at over the events that occurred after {@code since}. */
    private static long[] lagMillis(Instant since) throws SQLException {
        String sql = "SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY d), percentile_disc(0.95) WITHIN GROUP "
                + "(ORDER BY d), max(d) FROM (SELECT extract(epoch FROM a.applied_at - f.occurred_at) * 1000 AS d "
                + "FROM kpi_fact f JOIN event_applied a ON a.event_id = f.event_id WHERE f.occurred_at >= '"
                + since + "') t";
        try (Connection c = load.db("appraisal"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) };
        }
    }

    // --- waiting ---------------------------------------------------------------------------------------------

    private static void awaitCaughtUp() {
        awaitCaughtUp("kafka");
    }

    /** Every written event is in the feed, published (kafka) and applied. */
    private static void awaitCaughtUp(String transport) {
        awaitValue("consumer caught up with all written events", () -> load.applied() == load.written()
                && load.head() == load.written() && (transport.equals("grpc") || load.published() == load.written())
                ? 1 : 0, 1);
    }

    private static void awaitApplied(long target) {
        awaitValue("applied events " + target, load::applied, target);
    }

    /** Waits for {@code value}; a failed import fails the test at once, not as a timeout here. */
    private static void awaitValue(String what, LongSupplier value, long target) {
        EvaluationImportLoad.await(what, value, target, () -> {
            Future<?> w = writing;
            if (w != null && w.isDone()) {
                try {
                    w.get();
                } catch (Exception e) {
                    throw new AssertionError("Writing the events failed", e);
                }
            }
        });
    }

    private static double applied(ServiceProcess p) {
        try {
            String body = get(p.baseUrl() + "/q/metrics", null).body();
            Matcher m = Pattern.compile("(?m)^hotline_feed_events_applied_total\\{consumer=\"" + CONSUMER
                    + "\"[^}]*\\} (\\S+)$").matcher(body);
            double sum = 0;
            while (m.find()) {
                sum += Double.parseDouble(m.group(1));
            }
            return sum;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static double metric(ServiceProcess p, String name) {
        return load.metric(p, name);
    }

    private static HttpResponse<String> get(String url, String authorization) {
        return load.get(url, authorization);
    }

    private static void pause(long millis) {
        EvaluationImportLoad.pause(millis);
    }
}
