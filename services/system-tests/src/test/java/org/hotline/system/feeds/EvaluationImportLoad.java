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
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotline.system.ServiceProcess;
import org.hotline.testing.TestTokens;

/**
 * The evaluation -> appraisal feed under test, as the feed ITs drive and check it: evaluations imported 500 a request
 * (each request with its own Idempotency-Key, retried through producer crashes until accepted), the counts per tenant
 * and verdict those imports imply, and appraisal's state read back from its database and API.
 */
final class EvaluationImportLoad {

    static final String CONSUMER = "appraisal-evaluation";
    static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String[] TENANTS = { "37", "42", "11" };
    private static final int PER_IMPORT = 500;

    private final String databaseSuffix;
    private final Supplier<ServiceProcess> producer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** "tenant|verdict" -> {events, score sum} that the events written so far imply. */
    private final Map<String, long[]> expected = new TreeMap<>();
    private long written;
    private long nextIndex;

    /** The load on the databases {@code hotline_<service><databaseSuffix>}, imported into {@code producer}. */
    EvaluationImportLoad(String databaseSuffix, Supplier<ServiceProcess> producer) {
        this.databaseSuffix = databaseSuffix;
        this.producer = producer;
    }

    /** Forgets what was written (the databases were reset). */
    void reset() {
        synchronized (expected) {
            expected.clear();
            written = 0;
        }
    }

    // --- producing ---------------------------------------------------------------------------------------------

    /** Imports {@code count} evaluations in requests of 500, pausing between them so that kills land mid-stream. */
    void write(int count, long pauseMillis) {
        String run = UUID.randomUUID().toString();
        for (int done = 0; done < count; done += PER_IMPORT) {
            StringBuilder body = new StringBuilder("{\"evaluations\":[");
            Map<String, long[]> delta = new TreeMap<>();
            for (int i = 0; i < PER_IMPORT; i++) {
                long index;
                synchronized (expected) {
                    index = nextIndex++;
                }
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
            if (pauseMillis > 0) {
                pause(pauseMillis);
            }
        }
    }

    /** Retries one import (same Idempotency-Key) through producer crashes until it is accepted. */
    private void importUntilAccepted(String key, String body) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create(producer.get().baseUrl() + "/api/v1/evaluation-imports"))
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

    long written() {
        synchronized (expected) {
            return written;
        }
    }

    // --- checking ----------------------------------------------------------------------------------------------

    /**
     * Appraisal holds exactly what the written events imply, in its tables and through its API as a leader reads it
     * from {@code reader}; with {@code relayed}, the outbox relay also marked every event published.
     */
    void assertConsumerStateMatchesEvents(ServiceProcess reader, boolean relayed) throws SQLException {
        Map<String, long[]> want;
        long total;
        synchronized (expected) {
            want = new TreeMap<>();
            expected.forEach((k, v) -> want.put(k, v.clone()));
            total = written;
        }
        assertEquals(total, head(), "the feed holds exactly the events written");
        if (relayed) {
            assertEquals(total, published(), "the relay marked every event published");
        }
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
        String api = get(reader.baseUrl() + "/api/v1/kpi-counts?tenant=37&size=100",
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

    /** Waits until {@code value} reaches {@code target}; {@code failFast} may end the wait early with an error. */
    static void await(String what, LongSupplier value, long target, Runnable failFast) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (value.getAsLong() < target) {
            failFast.run();
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting for " + what + " (at " + value.getAsLong() + ")");
            }
            pause(100);
        }
    }

    /** Waits until {@code condition} holds. */
    static void await(String what, BooleanSupplier condition, Runnable failFast) {
        await(what, () -> condition.getAsBoolean() ? 1 : 0, 1, failFast);
    }

    /** The consumer's stored position (gRPC transport). */
    long position() {
        return scalarQuietly("appraisal", "SELECT coalesce(max(position), 0) FROM event_consumer");
    }

    /** Events applied by appraisal. */
    long applied() {
        return scalarQuietly("appraisal", "SELECT count(*) FROM event_applied");
    }

    /** The producer's feed head. */
    long head() {
        return scalarQuietly("evaluation", "SELECT coalesce(max(head), 0) FROM outbox_feed_state");
    }

    /** How far the outbox relay has published (kafka transport). */
    long published() {
        return scalarQuietly("evaluation", "SELECT coalesce(max(published_through), 0) FROM outbox_relay");
    }

    /** The value of a feed metric of consumer appraisal-evaluation, or -1 when it is not (yet) there. */
    double metric(ServiceProcess p, String name) {
        try {
            String body = get(p.baseUrl() + "/q/metrics", null).body();
            Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*consumer=\"" + CONSUMER + "\"[^}]*\\} (\\S+)$")
                    .matcher(body);
            return m.find() ? Double.parseDouble(m.group(1)) : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    HttpResponse<String> get(String url, String authorization) {
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

    private long scalarQuietly(String service, String sql) {
        try {
            return scalar(service, sql);
        } catch (SQLException e) {
            return 0; // the schema is not there yet while the service starts
        }
    }

    long scalar(String service, String sql) throws SQLException {
        try (Connection c = db(service); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    Connection db(String service) throws SQLException {
        String host = System.getenv().getOrDefault("HOTLINE_DB_HOST", "127.0.0.1");
        String port = System.getenv().getOrDefault("HOTLINE_DB_PORT", "5432");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/hotline_" + service
                + databaseSuffix, System.getenv().getOrDefault("HOTLINE_DB_USER", "hotline"),
                System.getenv().getOrDefault("HOTLINE_DB_PASSWORD", "hotline"));
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
