package org.hotline.system.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hotline.system.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Event feeds end to end (issue 6): evaluation publishes, appraisal consumes, both as real processes that are killed
 * with SIGKILL mid-stream. Events are produced through evaluation's import API (500 evaluations per request, each
 * request with its own Idempotency-Key and retried until it succeeds), so the test knows exactly what the feed must
 * contain, and checks appraisal's counts against it. Expectations are cumulative over the ordered tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventFeedIT {

    private static final Duration PATIENCE = EvaluationImportLoad.PATIENCE;

    private static ServiceProcess evaluation;
    private static ServiceProcess appraisal;
    private static ServiceProcess appraisalTwin;
    private static final ExecutorService writer = Executors.newSingleThreadExecutor();
    private static final EvaluationImportLoad load = new EvaluationImportLoad("_it", () -> evaluation);

    @BeforeAll
    static void startSuite() {
        ServiceProcess.resetDatabase("evaluation");
        ServiceProcess.resetDatabase("appraisal");
        evaluation = ServiceProcess.of("evaluation").start();
        appraisal = consumer().start();
    }

    @AfterAll
    static void stopSuite() {
        writer.shutdownNow();
        for (ServiceProcess p : new ServiceProcess[] { appraisalTwin, appraisal, evaluation }) {
            if (p != null) {
                p.stop();
            }
        }
    }

    private static ServiceProcess consumer() {
        return ServiceProcess.of("appraisal").calling("evaluation", evaluation);
    }

    @Test
    @Order(1)
    void consumerKilledAndRestartedTwiceMidStreamEndsWithExactlyWhatTenThousandEventsImply() throws Exception {
        Instant began = Instant.now();
        long base = load.written();
        Future<?> writing = writer.submit(() -> load.write(10_000, 300));
        awaitPosition(base + 1_500);
        appraisal.kill();
        appraisal.start();
        awaitPosition(base + 4_000);
        appraisal.kill();
        appraisal.start();
        writing.get(3, TimeUnit.MINUTES);
        awaitCaughtUp();
        System.out.printf("[feeds] 10,000 events with two consumer kills: %d s, %d events in the feed%n",
                Duration.between(began, Instant.now()).toSeconds(), load.head());
        load.assertConsumerStateMatchesEvents(leaseHolder(), false);
    }

    @Test
    @Order(2)
    void producerKilledAndRestartedMidStreamEndsWithExactlyWhatTheEventsImply() throws Exception {
        long start = load.head();
        Future<?> writing = writer.submit(() -> load.write(10_000, 300));
        awaitHead(start + 4_000);
        evaluation.kill();
        pause(1_000);
        evaluation.start();
        writing.get(3, TimeUnit.MINUTES);
        awaitCaughtUp();
        load.assertConsumerStateMatchesEvents(leaseHolder(), false);
    }

    @Test
    @Order(3)
    void twoReplicasApplyEachEventOnceAndTheLeaseMovesWhenItsHolderIsKilled() throws Exception {
        appraisalTwin = consumer().start();
        ServiceProcess holder = leaseHolder();
        ServiceProcess other = holder == appraisal ? appraisalTwin : appraisal;
        assertEquals(0.0, metric(other, "hotline_feed_lease_held"), "only one replica holds the lease");
        long start = load.head();
        Future<?> writing = writer.submit(() -> load.write(5_000, 300));
        awaitPosition(start + 1_500);
        Instant killed = Instant.now();
        holder.kill();
        Instant deadline = killed.plus(PATIENCE);
        while (metric(other, "hotline_feed_lease_held") != 1.0) {
            assertTrue(Instant.now().isBefore(deadline), "the other replica never took the lease");
            pause(100);
        }
        System.out.printf("[feeds] lease handover after SIGKILL: %d ms%n",
                Duration.between(killed, Instant.now()).toMillis());
        writing.get(3, TimeUnit.MINUTES);
        awaitCaughtUp();
        load.assertConsumerStateMatchesEvents(leaseHolder(), false);
        // Restart the killed replica as the stand-by of the suite's last test.
        holder.start();
        assertEquals(0.0, metric(holder, "hotline_feed_lease_held"));
    }

    @Test
    @Order(4)
    void feedLagIsVisibleInMetrics() throws Exception {
        ServiceProcess holder = leaseHolder();
        String metrics = load.get(holder.baseUrl() + "/q/metrics", null).body();
        assertTrue(metrics.contains("hotline_feed_lag{consumer=\"appraisal-evaluation\",feed=\"evaluation\",tenant=\"*\"}"),
                "lag metric with consumer, feed and tenant tags");
        assertEquals(0.0, metric(holder, "hotline_feed_lag"), "a caught-up consumer has no lag");
        assertEquals((double) load.head(), metric(holder, "hotline_feed_position"));
        assertTrue(load.get(evaluation.baseUrl() + "/q/metrics", null).body()
                .contains("hotline_feed_head_position{feed=\"evaluation\""), "producer publishes its head");
    }

    // --- waiting ---------------------------------------------------------------------------------------------

    private static void awaitCaughtUp() {
        EvaluationImportLoad.await("consumer caught up with all written events",
                () -> load.position() == load.written() && load.head() == load.written(), () -> { });
    }

    private static void awaitPosition(long target) {
        EvaluationImportLoad.await("consumer position " + target, load::position, target, () -> { });
    }

    private static void awaitHead(long target) {
        EvaluationImportLoad.await("feed head " + target, load::head, target, () -> { });
    }

    private static ServiceProcess leaseHolder() {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            for (ServiceProcess p : new ServiceProcess[] { appraisal, appraisalTwin }) {
                if (p != null && p.isAlive() && metric(p, "hotline_feed_lease_held") == 1.0) {
                    return p;
                }
            }
            pause(100);
        }
        throw new AssertionError("No replica holds the lease");
    }

    private static double metric(ServiceProcess p, String name) {
        return load.metric(p, name);
    }

    private static void pause(long millis) {
        EvaluationImportLoad.pause(millis);
    }
}
