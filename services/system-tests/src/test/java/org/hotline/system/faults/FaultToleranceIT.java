package org.hotline.system.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hotline.system.ServiceProcess;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults under load (issue 12), intake and routing as real processes started from the chart's environment: each test
 * sends a steady load of registrations (each with its own Idempotency-Key, retried as a front end would), injects a
 * fault, and counts: every accepted contact exists exactly once in intake's database, nothing else does, and no
 * answer broke the contract (a failure is a 503 with Retry-After, never a 500). PostgreSQL is reached through a
 * {@link TcpProxy}, so that it can be made unreachable for intake alone; one test also restarts the server itself
 * ({@link ServerRestart}, where the tests may). A consumer killed mid-batch is covered by feeds.EventFeedIT
 * (evaluation's feed) and feeds.AppraisalConsumerKillIT (intake's and routing's): each event applied once after two
 * SIGKILLs of appraisal mid-stream.
 */
class FaultToleranceIT {

    /** Databases of their own: the counts must not see another test's contacts. */
    private static final String DB_SUFFIX = "_it5";
    private static final String AGENT = TestTokens.bearer("agent", "37");
    private static final String ZIBO_CALL = """
            {"channel":"PHONE","dialedNumber":"0533-12393","callerNumber":"13905330000"}""";

    private static ServiceProcess routing;
    private static ServiceProcess intake;
    /** Between intake and PostgreSQL: an outage of the database for intake alone (the server is shared). */
    private static TcpProxy database;

    @BeforeAll
    static void startSuite() throws IOException {
        ServiceProcess.resetDatabase("routing", DB_SUFFIX);
        ServiceProcess.resetDatabase("intake", DB_SUFFIX);
        Map<String, String> env = System.getenv();
        database = new TcpProxy(env.getOrDefault("HOTLINE_DB_HOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("HOTLINE_DB_PORT", "5432")));
        routing = ServiceProcess.of("routing").with("hotline.db.suffix", DB_SUFFIX).start();
        intake = ServiceProcess.of("intake").with("hotline.db.suffix", DB_SUFFIX).calling("routing", routing)
                .withChartValue("database.external.host", "127.0.0.1")
                .withChartValue("database.external.port", database.port())
                .with("hotline.intake.region-retry.interval", "1s")
                // The outage is the subject: intake must ask routing for every contact, not reuse a known answer.
                .with("hotline.intake.region-cache.ttl", "0s").start();
    }

    @AfterAll
    static void stopSuite() throws IOException {
        for (ServiceProcess p : new ServiceProcess[] { intake, routing }) {
            if (p != null) {
                p.stop();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void databaseUnreachableDuringLoadFailsCleanlyRecoversByItselfAndCommitsEachAcceptedContactOnce()
            throws Exception {
        long before = contactRows();
        RegistrationLoad load = new RegistrationLoad(intake.baseUrl(), AGENT, ZIBO_CALL);
        Future<?> running = load.start(240, 4);
        load.awaitAccepted(40);
        int acceptedBefore = load.accepted.size();
        // PostgreSQL gone for intake: every connection reset, new ones refused, until clients have met it a while.
        database.cut();
        try {
            awaitUntil(() -> load.serviceUnavailable.get() >= 12, "no 503 while the database was unreachable");
        } finally {
            database.restore();
        }
        running.get(4, TimeUnit.MINUTES);
        report("database unreachable and back", load);
        assertTrue(load.accepted.size() > acceptedBefore, "nothing was accepted after the database came back");
        assertEquals(List.of(), load.violations, "answers that broke the contract");
        assertEquals(0, load.noAnswer.get(), "requests left without an answer (a failure must be a 503)");
        assertExactlyOnce(load, before);
        assertEquals(200, intake.status("/q/health/ready"), "intake did not recover by itself");
    }

    @Test
    void postgresqlRestartedDuringLoadFailsCleanlyRecoversByItselfAndCommitsEachAcceptedContactOnce() throws Exception {
        String unavailable = ServerRestart.unavailableBecause();
        org.junit.jupiter.api.Assumptions.assumeTrue(unavailable == null, () -> "PostgreSQL cannot be restarted here: "
                + unavailable);
        long before = contactRows();
        RegistrationLoad load = new RegistrationLoad(intake.baseUrl(), AGENT, ZIBO_CALL);
        Future<?> running = load.start(240, 4);
        load.awaitAccepted(40);
        int acceptedBefore = load.accepted.size();
        // The real thing: the shared server restarted under load (routing's connections go too).
        Instant restarted = Instant.now();
        ServerRestart.restart();
        System.out.printf("[faults] PostgreSQL restarted in %d ms%n", Duration.between(restarted, Instant.now())
                .toMillis());
        running.get(4, TimeUnit.MINUTES);
        report("PostgreSQL restarted", load);
        assertTrue(load.accepted.size() > acceptedBefore, "nothing was accepted after the restart");
        assertEquals(List.of(), load.violations, "answers that broke the contract");
        assertEquals(0, load.noAnswer.get(), "requests left without an answer (a failure must be a 503)");
        assertExactlyOnce(load, before);
        awaitUntil(() -> intake.status("/q/health/ready") == 200 && routing.status("/q/health/ready") == 200,
                "intake or routing did not recover by itself after the restart");
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, String failure) {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError(failure);
            }
            RegistrationLoad.sleep(50);
        }
    }

    @Test
    void databaseConnectionsTerminatedDuringLoadFailCleanlyAndCommitEachAcceptedContactOnce() throws Exception {
        long before = contactRows();
        RegistrationLoad load = new RegistrationLoad(intake.baseUrl(), AGENT, ZIBO_CALL);
        Future<?> running = load.start(240, 4);
        load.awaitAccepted(40);
        // What a failover does to a service: every connection it holds is cut, several times in a row.
        int terminated = 0;
        for (int round = 0; round < 3; round++) {
            terminated += terminateConnections("hotline_intake" + DB_SUFFIX);
            RegistrationLoad.sleep(700);
        }
        running.get(4, TimeUnit.MINUTES);
        report("database connections terminated", load);
        assertTrue(terminated > 0, "no connection of intake was terminated: the fault was not injected");
        assertEquals(List.of(), load.violations, "answers that broke the contract");
        assertExactlyOnce(load, before);
        assertEquals(200, intake.status("/q/health/ready"), "intake did not recover by itself");
    }

    @Test
    void routingKilledDuringIntakeLoadUsesTheFallbackAndResolvesEverythingAfterItsRestart() throws Exception {
        long before = contactRows();
        RegistrationLoad load = new RegistrationLoad(intake.baseUrl(), AGENT, ZIBO_CALL);
        Future<?> running = load.start(160, 4);
        load.awaitAccepted(20);
        routing.kill();
        load.awaitAccepted(90);
        routing.start();
        running.get(4, TimeUnit.MINUTES);
        report("routing killed and restarted", load);
        assertEquals(List.of(), load.violations, "answers that broke the contract");
        long pending = load.regionStatus.values().stream().filter("PENDING"::equals).count();
        assertTrue(pending > 0, "no contact was registered on the fallback while routing was down: " + load.regionStatus);
        assertExactlyOnce(load, before);
        // Recovery: the contacts stored with a PENDING region are resolved once routing is back.
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(120));
        long stillPending = pendingRegions(load.accepted.values());
        while (stillPending > 0 && Instant.now().isBefore(giveUp)) {
            RegistrationLoad.sleep(1000);
            stillPending = pendingRegions(load.accepted.values());
        }
        assertEquals(0, stillPending, "contacts still PENDING two minutes after routing returned");
    }

    @Test
    void intakeKilledMidRequestAndRetriedWithTheSameKeyHasEachCaseExactlyOnce() throws Exception {
        long before = contactRows();
        RegistrationLoad load = new RegistrationLoad(intake.baseUrl(), AGENT, ZIBO_CALL);
        Future<?> running = load.start(200, 6);
        load.awaitAccepted(50);
        intake.kill();
        intake.start();
        running.get(4, TimeUnit.MINUTES);
        report("intake killed mid-request and restarted", load);
        assertTrue(load.noAnswer.get() > 0, "no request was cut by the kill: the fault was not injected");
        assertEquals(List.of(), load.violations, "answers that broke the contract");
        assertExactlyOnce(load, before);
    }

    /** Every accepted key has one contact, all distinct, all stored; the table grew by exactly that many rows. */
    private static void assertExactlyOnce(RegistrationLoad load, long rowsBefore) throws SQLException {
        Set<String> ids = new HashSet<>(load.accepted.values());
        assertEquals(load.accepted.size(), ids.size(), "two keys were given the same contact");
        assertEquals(rowsBefore + ids.size(), contactRows(), "contact rows other than the accepted ones");
        assertEquals(ids.size(), storedOf(ids), "accepted contacts missing from the database");
    }

    private static void report(String fault, RegistrationLoad load) {
        System.out.printf("[faults] %s: %d accepted, %d answers 503, %d requests without answer, %d replayed%n",
                fault, load.accepted.size(), load.serviceUnavailable.get(), load.noAnswer.get(), load.replayed.get());
    }

    private static long contactRows() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM contact")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long storedOf(Set<String> ids) throws SQLException {
        try (Connection c = connect(); var s = c.prepareStatement("SELECT count(*) FROM contact WHERE id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static long pendingRegions(java.util.Collection<String> ids) throws SQLException {
        try (Connection c = connect();
                var s = c.prepareStatement("SELECT count(*) FROM contact WHERE id = ANY (?) AND region_status = 'PENDING'")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** Cuts every connection the service holds to {@code database} (pg_terminate_backend: same role, no superuser). */
    private static int terminateConnections(String database) throws SQLException {
        try (Connection c = connect(); var s = c.prepareStatement(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                        + "WHERE datname = ? AND pid <> pg_backend_pid()")) {
            s.setString(1, database);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** The test's own connection; the PostgreSQL server is shared, so a full server is waited for (up to a minute). */
    private static Connection connect() throws SQLException {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(1));
        while (true) {
            try {
                return open();
            } catch (SQLException e) {
                if (!"53300".equals(e.getSQLState()) || Instant.now().isAfter(giveUp)) {
                    throw e;
                }
                RegistrationLoad.sleep(500);
            }
        }
    }

    private static Connection open() throws SQLException {
        Map<String, String> env = System.getenv();
        return DriverManager.getConnection("jdbc:postgresql://" + env.getOrDefault("HOTLINE_DB_HOST", "127.0.0.1") + ":"
                + env.getOrDefault("HOTLINE_DB_PORT", "5432") + "/hotline_intake" + DB_SUFFIX,
                env.getOrDefault("HOTLINE_DB_USER", "hotline"), env.getOrDefault("HOTLINE_DB_PASSWORD", "hotline"));
    }
}
