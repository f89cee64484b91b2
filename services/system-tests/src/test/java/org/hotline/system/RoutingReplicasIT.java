package org.hotline.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two routing processes against one database (issue 3): however often both sweep at the same moment, each order
 * gets each warning level exactly once — one warning, one history entry, one event.
 *
 * <p>Nothing moves a clock with SQL here: orders are registered over REST with a {@code receivedAt} in the past,
 * which the API accepts (only future instants are refused), so their deadlines have really passed (red) or most of
 * their limit has really been used (yellow), computed with the tenant's own calendar through
 * {@code GET /api/v1/calendars/37/deadline}.
 */
class RoutingReplicasIT {

    private static final String TENANT = "37";
    private static final String ZIBO = "370300";
    private static final int ORDERS_PER_LEVEL = 6;
    private static final int SWEEPS_PER_REPLICA = 3;
    private static final int ROUNDS = 4;
    private static final int YELLOW_LIMIT_DAYS = 10;

    private static ServiceProcess first;
    private static ServiceProcess second;
    /** Generous timeouts: a loaded CI machine may answer slowly, but a hung call must not hang the build. */
    private static final RequestSpecification HTTP = new RequestSpecBuilder()
            .setConfig(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.connection.timeout", 30_000).setParam("http.socket.timeout", 180_000)))
            .build();

    @BeforeAll
    static void startReplicas() {
        ServiceProcess.resetDatabase("routing", "_it2");
        // Each instance also keeps its own scheduled sweep (every 60 s): it races with the sweeps the test triggers.
        first = replica().start();
        second = replica().start();
    }

    private static ServiceProcess replica() {
        // Orders received a month ago are accepted here (the default window is 7 days): the test needs them overdue.
        // The scheduled sweep starts after 90 s, not 30 s: on a loaded machine starting the second replica and
        // registering the orders took longer than 30 s, and the first replica's own sweep warned them before the
        // test checked that nothing had; it still races with the test's sweeps when those run longer.
        return ServiceProcess.of("routing").with("hotline.db.suffix", "_it2")
                .with("hotline.routing.received-at-max-age", "P60D")
                .with("hotline.routing.sweep-delay", "90s");
    }

    @AfterAll
    static void stopReplicas() {
        if (second != null) {
            second.stop();
        }
        if (first != null) {
            first.stop();
        }
    }

    @Test
    void eachWarningIsRaisedExactlyOnceWhenTwoRoutingInstancesSweepTogether() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // Each instance registers half of the orders: both write to the one database.
        String unit = unit(first, "淄博 replicas " + run);
        String overdueKey = "RED" + run;
        String yellowKey = "YEL" + run;
        rule(first, overdueKey, unit, 1);
        rule(second, yellowKey, unit, YELLOW_LIMIT_DAYS);

        Instant now = Instant.now();
        // Received a month ago with one working day to answer: overdue whatever the calendar.
        String overdueReceivedAt = now.minus(Duration.ofDays(30)).toString();
        String yellowReceivedAt = yellowWindowStart(now).toString();
        List<String> overdue = new ArrayList<>();
        List<String> yellow = new ArrayList<>();
        for (int i = 0; i < ORDERS_PER_LEVEL; i++) {
            ServiceProcess via = i % 2 == 0 ? first : second;
            overdue.add(order(via, overdueKey, overdueReceivedAt));
            yellow.add(order(via, yellowKey, yellowReceivedAt));
        }
        for (String id : overdue) {
            JsonPath o = view(second, id);
            assertEquals("NONE", o.getString("warningLevel"), "no warning before any sweep: " + id);
            assertTrue(Instant.parse(o.getString("dueAt")).isBefore(now), "overdue order " + id + " due " + o.getString("dueAt"));
        }
        for (String id : yellow) {
            JsonPath o = view(first, id);
            assertEquals("NONE", o.getString("warningLevel"), "no warning before any sweep: " + id);
            assertTrue(Instant.parse(o.getString("dueAt")).isAfter(now.plus(Duration.ofHours(12))),
                    "yellow order " + id + " must not become overdue during the test; due " + o.getString("dueAt"));
        }

        // Both instances sweep at the same moment, several times.
        int yellowRaised = 0;
        int redRaised = 0;
        Set<String> replicas = new HashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (JsonPath outcome : sweepTogether()) {
                replicas.add(outcome.getString("replica"));
                yellowRaised += outcome.getInt("yellowWarnings");
                redRaised += outcome.getInt("redWarnings");
            }
        }
        assertEquals(2, replicas.size(), "sweeps answered by two distinct routing instances: " + replicas);
        // Added up over the triggered sweeps of both instances, no order was counted twice (a scheduled sweep may
        // have raised some first, so this is at most, not exactly, one per order).
        assertTrue(redRaised <= ORDERS_PER_LEVEL, "red warnings reported by the sweeps: " + redRaised);
        assertTrue(yellowRaised <= ORDERS_PER_LEVEL, "yellow warnings reported by the sweeps: " + yellowRaised);

        for (String id : overdue) {
            ServiceProcess via = id.hashCode() % 2 == 0 ? first : second;
            JsonPath o = view(via, id);
            assertEquals("RED", o.getString("warningLevel"), "order " + id);
            assertTrue(o.getBoolean("supervised"), "an overdue order is supervised: " + id);
            Map<String, Integer> actions = historyActions(via, id);
            assertEquals(1, actions.getOrDefault("WARNING_RED", 0), "history of " + id + ": " + actions);
            assertEquals(0, actions.getOrDefault("WARNING_YELLOW", 0), "history of " + id + ": " + actions);
            assertEquals(1, events(id, "routing.work-order.warning-raised"), "warning events of " + id);
            assertEquals(1, events(id, "routing.work-order.supervised"), "supervision events of " + id);
        }
        for (String id : yellow) {
            ServiceProcess via = id.hashCode() % 2 == 0 ? first : second;
            JsonPath o = view(via, id);
            assertEquals("YELLOW", o.getString("warningLevel"), "order " + id);
            assertFalse(o.getBoolean("supervised"), "a yellow order is not supervised: " + id);
            Map<String, Integer> actions = historyActions(via, id);
            assertEquals(1, actions.getOrDefault("WARNING_YELLOW", 0), "history of " + id + ": " + actions);
            assertEquals(0, actions.getOrDefault("WARNING_RED", 0), "history of " + id + ": " + actions);
            assertEquals(1, events(id, "routing.work-order.warning-raised"), "warning events of " + id);
            assertEquals(0, events(id, "routing.work-order.supervised"), "supervision events of " + id);
        }
    }

    /**
     * The receipt instant, searched backwards in 6-hour steps, whose {@value #YELLOW_LIMIT_DAYS}-working-day
     * deadline is still at least a day away while more than 75 % of its working minutes (plus an hour of margin)
     * have already passed — exactly the orders a sweep must warn yellow and not red, on any date the test runs.
     */
    private static Instant yellowWindowStart(Instant now) {
        for (int hours = 6; hours <= 60 * 24; hours += 6) {
            Instant from = now.minus(Duration.ofHours(hours));
            JsonPath due = deadline(from, YELLOW_LIMIT_DAYS, "WORKING_DAYS");
            if (Instant.parse(due.getString("deadline")).isBefore(now.plus(Duration.ofDays(1)))) {
                break;
            }
            long yellowAfterHours = (long) Math.ceil(due.getLong("workingMinutes") * 0.75 / 60.0) + 1;
            Instant warnedBy = Instant.parse(deadline(from, (int) yellowAfterHours, "WORKING_HOURS").getString("deadline"));
            if (warnedBy.isBefore(now.minus(Duration.ofMinutes(1)))) {
                return from;
            }
        }
        throw new IllegalStateException("no receipt instant found whose order is past 75 % of its limit but not due");
    }

    private static JsonPath deadline(Instant from, int value, String unit) {
        return given().spec(HTTP).header("Authorization", operator())
                .queryParam("from", from.toString()).queryParam("value", value).queryParam("unit", unit)
                .when().get(first.baseUrl() + "/api/v1/calendars/" + TENANT + "/deadline")
                .then().statusCode(200).extract().jsonPath();
    }

    /** {@value #SWEEPS_PER_REPLICA} sweeps on each instance, released at the same moment. */
    private static List<JsonPath> sweepTogether() throws Exception {
        int n = 2 * SWEEPS_PER_REPLICA;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Callable<Response>> sweeps = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ServiceProcess via = i % 2 == 0 ? first : second;
                sweeps.add(() -> {
                    go.await();
                    return given().spec(HTTP).header("Authorization", operator())
                            .when().post(via.baseUrl() + "/api/v1/sweeps");
                });
            }
            List<Future<Response>> futures = new ArrayList<>();
            sweeps.forEach(s -> futures.add(pool.submit(s)));
            go.countDown();
            List<JsonPath> outcomes = new ArrayList<>();
            for (Future<Response> f : futures) {
                Response r = f.get(5, TimeUnit.MINUTES);
                assertEquals(200, r.statusCode(), "sweep answered " + r.statusCode() + ": " + r.asString());
                outcomes.add(r.jsonPath());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String unit(ServiceProcess via, String name) {
        return given().spec(HTTP).header("Authorization", TestTokens.bearer("tenant-admin", TENANT))
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "kind", "CITY_AGENCY", "regionCode", ZIBO,
                        "leaderName", "王主任", "leaderPhone", "0533-3120001"))
                .when().post(via.baseUrl() + "/api/v1/units")
                .then().statusCode(201).extract().path("id");
    }

    /** A rule sending orders whose title carries {@code keyword} to {@code unit} with a limit in working days. */
    private static void rule(ServiceProcess via, String keyword, String unit, int days) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "replicas rule " + keyword);
        body.put("position", 10);
        body.put("keywords", List.of(keyword));
        body.put("targetUnitId", unit);
        body.put("limitValue", days);
        body.put("limitUnit", "WORKING_DAYS");
        body.put("effectiveFrom", "2020-01-01");
        given().spec(HTTP).header("Authorization", TestTokens.bearer("tenant-admin", TENANT))
                .contentType(ContentType.JSON).body(body)
                .when().post(via.baseUrl() + "/api/v1/routing-rules")
                .then().statusCode(201);
    }

    private static String order(ServiceProcess via, String keyword, String receivedAt) {
        return given().spec(HTTP).header("Authorization", agent())
                .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(ContentType.JSON)
                .body(Map.of("regionCode", ZIBO, "category", "FEEDBACK", "title", "医保报销进度 " + keyword,
                        "description", "参保人反映报销款迟迟未到账，请核实。", "citizenPhone", "13905330000",
                        "channel", "PHONE", "receivedAt", receivedAt))
                .when().post(via.baseUrl() + "/api/v1/work-orders")
                .then().statusCode(201).extract().path("id");
    }

    private static JsonPath view(ServiceProcess via, String id) {
        return given().spec(HTTP).header("Authorization", agent())
                .when().get(via.baseUrl() + "/api/v1/work-orders/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    /** How many entries of each action the order's audit trail holds. */
    private static Map<String, Integer> historyActions(ServiceProcess via, String id) {
        List<String> actions = given().spec(HTTP).header("Authorization", agent())
                .when().get(via.baseUrl() + "/api/v1/work-orders/" + id + "/history")
                .then().statusCode(200).extract().jsonPath().getList("action", String.class);
        Map<String, Integer> counts = new HashMap<>();
        actions.forEach(a -> counts.merge(a, 1, Integer::sum));
        return counts;
    }

    /**
     * Events of the order in the transactional outbox. Read (never written) with SQL because events leave routing
     * over the gRPC feed only; the outbox is what that feed publishes, one row per fact.
     */
    private static long events(String id, String type) {
        String url = "jdbc:postgresql://" + env("HOTLINE_DB_HOST", "127.0.0.1") + ":" + env("HOTLINE_DB_PORT", "5432")
                + "/hotline_routing_it2";
        try (Connection c = DriverManager.getConnection(url, env("HOTLINE_DB_USER", "hotline"),
                env("HOTLINE_DB_PASSWORD", "hotline"));
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM outbox_event WHERE aggregate_id = ? AND type = ?")) {
            ps.setString(1, id);
            ps.setString(2, type);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static String agent() {
        return TestTokens.bearer("agent", TENANT);
    }

    private static String operator() {
        return TestTokens.bearer("platform-operator", "*");
    }
}
