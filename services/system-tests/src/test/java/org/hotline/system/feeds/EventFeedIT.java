package org.hotline.system.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotline.system.ServiceProcess;
import org.hotline.testing.TestTokens;
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

    private static final String CONSUMER = "appraisal-evaluation";
    private static final String[] TENANTS = { "37", "42", "11" };
    private static final int PER_IMPORT = 500;
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private static ServiceProcess evaluation;
    private static ServiceProcess appraisal;
    private static ServiceProcess appraisalTwin;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ExecutorService writer = Executors.newSingleThreadExecutor();
    /** "tenant|verdict" -> {events, score sum} that the events written so far imply. */
    private static final Map<String, long[]> expected = new TreeMap<>();
    private static long written;
    private static long nextIndex;

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
        long base = written();
        Future<?> writing = writer.submit(() -> write(10_000, 300));
        awaitPosition(base + 1_500);
        appraisal.kill();
        appraisal.start();
        awaitPosition(base + 4_000);
        appraisal.kill();
        appraisal.start();
        writing.get(3, TimeUnit.MINUTES);
        awaitCaughtUp();
        System.out.printf("[feeds] 10,000 events with two consumer kills: %d s, %d events in the feed%n",
                Duration.between(began, Instant.now()).toSeconds(), head());
        assertConsumerStateMatchesEvents();
    }

    @Test
    @Order(2)
    void producerKilledAndRestartedMidStreamEndsWithExactlyWhatTheEventsImply() throws Exception {
        long start = head();
        Future<?> writing = writer.submit(() -> write(10_000, 300));
        awaitHead(start + 4_000);
        evaluation.kill();
        pause(1_000);
        evaluation.start();
        writing.get(3, TimeUnit.MINUTES);
        awaitCaughtUp();
        assertConsumerStateMatchesEvents();
    }

    @Test
    @Order(3)
    void twoReplicasApplyEachEventOnceAndTheLeaseMovesWhenItsHolderIsKilled() throws Exception {
        appraisalTwin = consumer().start();
        ServiceProcess holder = leaseHolder();
        ServiceProcess other = holder == appraisal ? appraisalTwin : appraisal;
        assertEquals(0.0, metric(other, "hotline_feed_lease_held"), "only one replica holds the lease");
        long start = head();
        Future<?> writing = writer.submit(() -> write(5_000, 300));
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
        assertConsumerStateMatchesEvents();
        // Restart the killed replica as the stand-by of the suite's last test.
        holder.start();
        assertEquals(0.0, metric(holder, "hotline_feed_lease_held"));
    }

    @Test
    @Order(4)
    void feedLagIsVisibleInMetrics() throws Exception {
        ServiceProcess holder = leaseHolder();
        String metrics = get(holder.baseUrl() + "/q/metrics", null).body();
        assertTrue(metrics.contains("hotline_feed_lag{consumer=\"appraisal-evaluation\",feed=\"evaluation\",tenant=\"*\"}"),
                "lag metric with consumer, feed and tenant tags");
        assertEquals(0.0, metric(holder, "hotline_feed_lag"), "a caught-up consumer has no lag");
        assertEquals((double) head(), metric(holder, "hotline_feed_position"));
        assertTrue(get(evaluation.baseUrl() + "/q/metrics", null).body()
                .contains("hotline_feed_head_position{feed=\"evaluation\""), "producer publishes its head");
    }

    // --- producing ---------------------------------------------------------------------------------------------

    /** Imports {@code count} evaluations in requests of 500, pausing between them so that kills land mid-stream. */
    private static void write(int count, long pauseMillis) {
        String run = UUID.randomUUID().toString();
        for (int done = 0; done < count; done += PER_IMPORT) {
            StringBuilder body = new StringBuilder("{\"evaluations\":[");
            Map<String, long[]> delta = new TreeMap<>();
            for (int i = 0; i < PER_IMPORT; i++) {
                long index = nextIndex++;
                String tenant = TENANTS[(int) (index % TENANTS.length)];
                String verdict = index % 4 == 0 ? "UNSATISFIED" : "SATISFIED";
                int score = 1 + (int) (index % 5);
                body.append(i == 0 ? "" : ",").append("{\"workOrderId\":\"").append(UUID.randomUUID())
                        .append("\",\"regionCode\":\"").append(tenant).append("0100\",\"verdict\":\"").append(verdict)
                        .append("\",\"score\":").append(score).append('}');
                long[] d = delta.computeIfAbsent(tenant + "|" + verdict, k -> new long[2]);
                d[0]++;
                d[1] += score;
            }
            body.append("]}");
            importUntilAccepted(run + "-" + done, body.toString());
            synchronized (expected) {
                delta.forEach((k, d) -> {
                    long[] e = expected.computeIfAbsent(k, x -> new long[2]);
                    e[0] += d[0];
                    e[1] += d[1];
                });
                written += PER_IMPORT;
            }
            pause(pauseMillis);
        }
    }

    /** Retries one import (same Idempotency-Key) through producer crashes until it is accepted. */
    private static void importUntilAccepted(String key, String body) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create(evaluation.baseUrl() + "/api/v1/evaluation-imports"))
                        .header("Authorization", TestTokens.bearer("platform-operator", "*"))
                        .header("Idempotency-Key", key).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    assertTrue(response.body().contains("\"imported\":" + PER_IMPORT), response.body());
                    return;
                }
                if (response.statusCode() < 500) {
                    throw new AssertionError("Import refused: " + response.statusCode() + " " + response.body());
                }
            } catch (java.io.IOException e) {
                // The producer is down or restarting: retry the same request.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Import " + key + " never accepted");
            }
            pause(250);
        }
    }

    private static long written() {
        synchronized (expected) {
            return written;
        }
    }

    // --- checking ----------------------------------------------------------------------------------------------

    private static void assertConsumerStateMatchesEvents() throws SQLException {
        Map<String, long[]> want;
        long total;
        synchronized (expected) {
            want = new TreeMap<>();
            expected.forEach((k, v) -> want.put(k, v.clone()));
            total = written;
        }
        assertEquals(total, head(), "the feed holds exactly the events written");
        Map<String, long[]> got = new TreeMap<>();
        try (Connection c = db("appraisal"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT tenant, verdict, events, score_sum FROM kpi_count "
                        + "WHERE type = 'evaluation.evaluation.recorded'")) {
            while (rs.next()) {
                got.put(rs.getString(1) + "|" + rs.getString(2), new long[] { rs.getLong(3), rs.getLong(4) });
            }
        }
        assertEquals(describe(want), describe(got), "counts per tenant and verdict");
        assertEquals(total, scalar("appraisal", "SELECT count(*) FROM kpi_fact"), "one fact per event");
        assertEquals(total, scalar("appraisal", "SELECT count(*) FROM event_applied"), "one applied id per event");
        // And through the service's API, as a leader would read it.
        String api = get(leaseHolder().baseUrl() + "/api/v1/kpi-counts?tenant=37&size=100",
                TestTokens.bearer("leader", "37")).body();
        long[] unsatisfied = want.get("37|UNSATISFIED");
        assertNotNull(unsatisfied);
        assertTrue(api.contains("\"verdict\":\"UNSATISFIED\",\"events\":" + unsatisfied[0] + ",\"scoreSum\":"
                + unsatisfied[1]), api);
    }

    private static String describe(Map<String, long[]> counts) {
        StringBuilder s = new StringBuilder();
        counts.forEach((k, v) -> s.append(k).append('=').append(v[0]).append('/').append(v[1]).append(' '));
        return s.toString();
    }

    private static void awaitCaughtUp() {
        await("consumer caught up with all written events",
                () -> position() == written() && head() == written() ? 1 : 0, 1);
    }

    private static void awaitPosition(long target) {
        await("consumer position " + target, EventFeedIT::position, target);
    }

    private static void awaitHead(long target) {
        await("feed head " + target, EventFeedIT::head, target);
    }

    private static void await(String what, LongSupplier value, long target) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (value.getAsLong() < target) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting for " + what + " (at " + value.getAsLong() + ")");
            }
            pause(100);
        }
    }

    private static long position() {
        return scalarQuietly("appraisal", "SELECT coalesce(max(position), 0) FROM event_consumer");
    }

    private static long head() {
        return scalarQuietly("evaluation", "SELECT coalesce(max(head), 0) FROM outbox_feed_state");
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

    /** The value of a feed metric of consumer appraisal-evaluation, or -1 when it is not (yet) there. */
    private static double metric(ServiceProcess p, String name) {
        try {
            String body = get(p.baseUrl() + "/q/metrics", null).body();
            Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*consumer=\"" + CONSUMER + "\"[^}]*\\} (\\S+)$")
                    .matcher(body);
            return m.find() ? Double.parseDouble(m.group(1)) : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static HttpResponse<String> get(String url, String authorization) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long scalarQuietly(String service, String sql) {
        try {
            return scalar(service, sql);
        } catch (SQLException e) {
            return 0; // the schema is not there yet while the service starts
        }
    }

    private static long scalar(String service, String sql) throws SQLException {
        try (Connection c = db(service); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection db(String service) throws SQLException {
        String host = System.getenv().getOrDefault("HOTLINE_DB_HOST", "127.0.0.1");
        String port = System.getenv().getOrDefault("HOTLINE_DB_PORT", "5432");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/hotline_" + service + "_it",
                System.getenv().getOrDefault("HOTLINE_DB_USER", "hotline"),
                System.getenv().getOrDefault("HOTLINE_DB_PASSWORD", "hotline"));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
