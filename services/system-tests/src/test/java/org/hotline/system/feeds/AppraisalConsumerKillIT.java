package org.hotline.system.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.hotline.system.IntakeWarmUp;
import org.hotline.system.ServiceProcess;
import org.hotline.testing.TestKeys;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Appraisal's consumers of intake's and routing's feeds killed mid-batch (issue 12), as {@link EventFeedIT} does for
 * evaluation's: routing, intake and appraisal run as real processes started from the chart's environment, once for
 * the class. Each test produces a few thousand events through the producer's own API (intake: the switch's call
 * events and the IVR's survey answers; routing: work orders registered, accepted, replied, returned and the return
 * refused), SIGKILLs appraisal twice while it applies them, restarts it, and then checks what a user would: every event
 * of the producer's feed applied once by its consumer (the applied ids are exactly the feed's ids, the position at the
 * head) and the KPI figures a leader reads equal to what the known input implies. The databases are the {@code _it5}
 * ones: FaultToleranceIT's routing and intake (each class resets them first), and an appraisal no other class uses.
 */
class AppraisalConsumerKillIT {

    private static final String SUFFIX = "_it5";
    private static final String TENANT = "37";
    private static final String ZIBO = "370300";
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SWITCH = TestTokens.bearer("service", "*");
    private static final String AGENT = TestTokens.bearer("agent", TENANT);
    private static final String LEADER = TestTokens.bearer("leader", TENANT);
    private static final String[] ANSWERS = { "SATISFIED", "BASICALLY_SATISFIED", "UNSATISFIED" };
    private static final int[] WAITS = { 5, 10, 30 };

    private static ServiceProcess routing;
    private static ServiceProcess intake;
    private static ServiceProcess appraisal;
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startSuite() {
        for (String service : new String[] { "routing", "intake", "appraisal" }) {
            ServiceProcess.resetDatabase(service, SUFFIX);
        }
        routing = ServiceProcess.of("routing").with("hotline.db.suffix", SUFFIX).start();
        // Tenant 37 staffed around the clock: every call is offered while the service is open, whenever CI runs.
        intake = ServiceProcess.of("intake").with("hotline.db.suffix", SUFFIX).calling("routing", routing)
                .with("hotline.intake.tenant-hours.\"37\".periods", "00:00-23:59:59.999")
                .with("hotline.intake.tenant-hours.\"37\".days",
                        "MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY,SATURDAY,SUNDAY")
                .with("hotline.intake.region-retry.interval", "1s")
                // Routing's answer for Zibo is reused for the whole run: a lookup slowed past its timeout by the
                // load would leave a contact pending for a moment, which is FaultToleranceIT's subject, not this one's.
                .with("hotline.intake.region-cache.ttl", "30m")
                .start();
        IntakeWarmUp.untilRegionsResolve(intake, AGENT,
                "{\"channel\":\"PHONE\",\"dialedNumber\":\"0533-12393\",\"callerNumber\":\"13905330000\"}");
        appraisal = ServiceProcess.of("appraisal").with("hotline.db.suffix", SUFFIX).calling("intake", intake)
                .calling("routing", routing).start();
    }

    @AfterAll
    static void stopSuite() {
        for (ServiceProcess p : new ServiceProcess[] { appraisal, intake, routing }) {
            if (p != null) {
                p.stop();
            }
        }
    }

    @Test
    void intakeFeedConsumerKilledTwiceMidBatchCountsEveryCallAndSurveyOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant from = Instant.now().minus(Duration.ofHours(1));
        int calls = 640;
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger answeredWithinT = new AtomicInteger();
        AtomicInteger abandoned = new AtomicInteger();
        AtomicInteger shortAbandons = new AtomicInteger();
        Map<String, AtomicInteger> surveys = new ConcurrentHashMap<>();
        Set<String> contacts = ConcurrentHashMap.newKeySet();
        Set<String> callIds = ConcurrentHashMap.newKeySet();
        long base = head("intake");
        Instant began = Instant.now();
        // Per call: registered and offered; then abandoned (1 in 8 after 3 s, a short abandon; 1 in 8 after 25 s), or
        // answered after 5, 10 or 30 s, ended a minute later, and rated in the IVR's survey.
        Future<?> load = load(calls, 6, i -> {
            String call = "kill-" + run + "-" + i;
            Instant offered = Instant.now().minusSeconds(120);
            JsonNode view = callEvent(call, "OFFERED", offered, ",\"dialedNumber\":\"0533-12393\","
                    + "\"callerNumber\":\"13905330000\",\"ivrRegionCode\":\"" + ZIBO + "\"");
            String contact = view.path("contactId").asText();
            assertFalse(contact.isEmpty(), "an offered call has its contact: " + view);
            if (i % 8 == 0 || i % 8 == 4) {
                int wait = i % 8 == 0 ? 3 : 25;
                callEvent(call, "ABANDONED", offered.plusSeconds(wait), "");
                (i % 8 == 0 ? shortAbandons : abandoned).incrementAndGet();
            } else {
                int wait = WAITS[i % 3];
                String agent = ",\"agentId\":\"agent-" + run + "-" + (i % 5) + "\"";
                callEvent(call, "ANSWERED", offered.plusSeconds(wait), agent);
                callEvent(call, "ENDED", offered.plusSeconds(wait + 60L),
                        agent + ",\"category\":\"POLICY_ANSWER\",\"outcome\":\"ANSWERED\"");
                String answer = ANSWERS[(i / 8) % 3];
                send("survey of " + call, () -> HttpRequest.newBuilder(URI.create(intake.baseUrl()
                                + "/api/v1/contacts/" + contact + "/survey")).header("Authorization", SWITCH)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"answer\":\"" + answer + "\"}")), true);
                answered.incrementAndGet();
                if (wait <= 15) {
                    answeredWithinT.incrementAndGet();
                }
                surveys.computeIfAbsent(answer, a -> new AtomicInteger()).incrementAndGet();
            }
            contacts.add(contact);
            callIds.add(call);
        });
        // Events the calls make: 3 per abandoned call, 5 per answered one (2,880 here).
        long planned = calls / 4 * 3L + (calls - calls / 4) * 5L;
        killAppraisalTwiceWhileItApplies("appraisal-intake", "intake", base, planned, load);
        load.get(4, TimeUnit.MINUTES);
        System.out.printf("[feeds] intake: %d events with two consumer kills: %d s%n", head("intake") - base,
                Duration.between(began, Instant.now()).toSeconds());
        assertEachEventOfTheFeedAppliedOnce("appraisal-intake", "intake");

        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("offered", (long) answered.get() + abandoned.get());
        expected.put("answered", (long) answered.get());
        expected.put("abandoned", (long) abandoned.get());
        expected.put("shortAbandons", (long) shortAbandons.get());
        expected.put("answeredWithinT", (long) answeredWithinT.get());
        expected.put("abandonedWithinT", 0L);
        expected.put("surveys", (long) answered.get());
        expected.put("surveysSatisfied", count(surveys, "SATISFIED"));
        expected.put("surveysBasicallySatisfied", count(surveys, "BASICALLY_SATISFIED"));
        expected.put("surveysUnsatisfied", count(surveys, "UNSATISFIED"));
        assertFigures("/api/v1/kpis/calls?by=TENANT", from, TENANT, expected);
        assertEquals(calls, callIds.size());
        assertEquals(calls, scalar("appraisal", "SELECT count(*) FROM call_fact WHERE call_id = ANY(?)",
                callIds.toArray(String[]::new), "varchar"), "one call fact per call");
        assertEquals(calls, scalar("appraisal", "SELECT count(*) FROM contact_fact WHERE contact_id = ANY(?)",
                contacts.toArray(String[]::new), "varchar"), "one contact fact per call's contact");
        assertEquals(answered.get(), scalar("appraisal", "SELECT count(*) FROM survey_fact WHERE contact_id = ANY(?)",
                contacts.toArray(String[]::new), "varchar"), "one survey fact per answer");
    }

    @Test
    void routingFeedConsumerKilledTwiceMidBatchCountsEveryWorkOrderReplyAndReturnOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant from = Instant.now().minus(Duration.ofHours(1));
        String unit = unit("淄博 kill " + run);
        String keyword = "KILL" + run;
        rule(keyword, unit);
        String handler = "Bearer " + Jwt.issuer(TestTokens.ISSUER).upn("handler-" + run + "@" + TENANT)
                .groups("handler").claim("tenant", TENANT).claim("unit", unit).expiresIn(Duration.ofHours(1))
                .jws().keyId("test").sign(TestKeys.get().privateKey());
        int orders = 1_200;
        AtomicInteger replied = new AtomicInteger();
        AtomicInteger refusedReturns = new AtomicInteger();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        long base = head("routing");
        Instant began = Instant.now();
        // Per order: registered and dispatched to the unit by the rule; then one in three stays open, one is
        // accepted and replied to, one is returned by the unit and the return refused by the hotline centre.
        Future<?> load = load(orders, 6, i -> {
            String category = i % 2 == 0 ? "FEEDBACK" : "POLICY_ANSWER";
            String key = run + "-" + i;
            JsonNode order = send("work order " + key, () -> HttpRequest.newBuilder(URI.create(routing.baseUrl()
                            + "/api/v1/work-orders")).header("Authorization", AGENT).header("Idempotency-Key", key)
                    .header("Content-Type", "application/json").POST(json(Map.of("regionCode", ZIBO,
                            "category", category, "title", "医保报销进度 " + keyword, "description",
                            "参保人反映报销款未到账，回电 13905330000。", "citizenPhone", "13905330000",
                            "channel", "PHONE"))), true);
            String id = order.path("id").asText();
            assertEquals(unit, order.path("unitId").asText(), "the rule dispatched " + key + " to the unit");
            ids.add(id);
            String url = routing.baseUrl() + "/api/v1/work-orders/" + id;
            if (i % 3 == 1) {
                send("accept " + key, () -> HttpRequest.newBuilder(URI.create(url + "/accept"))
                        .header("Authorization", handler).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")), false);
                send("reply " + key, () -> HttpRequest.newBuilder(URI.create(url + "/reply"))
                        .header("Authorization", handler).header("Content-Type", "application/json")
                        .POST(json(Map.of("reply", "经核实，报销款已于今日到账。"))), false);
                replied.incrementAndGet();
            } else if (i % 3 == 2) {
                String returnId = send("return " + key, () -> HttpRequest.newBuilder(URI.create(url + "/returns"))
                        .header("Authorization", handler).header("Content-Type", "application/json")
                        .POST(json(Map.of("reasonCode", "NOT_OUR_REGION", "reason", "不属于本单位辖区"))), false)
                        .path("id").asText();
                send("arbitrate " + key, () -> HttpRequest.newBuilder(URI.create(url + "/returns/" + returnId
                                + "/arbitration")).header("Authorization", AGENT)
                        .header("Content-Type", "application/json")
                        .POST(json(Map.of("decision", "REFUSED", "note", "参保地为淄博，应由本单位办理"))), false);
                refusedReturns.incrementAndGet();
            }
        });
        // Events the orders make: created, plus accepted and replied, or return requested and refused (2,800 here).
        long planned = orders + (orders / 3) * 2L * 2;
        killAppraisalTwiceWhileItApplies("appraisal-routing", "routing", base, planned, load);
        load.get(4, TimeUnit.MINUTES);
        System.out.printf("[feeds] routing: %d events with two consumer kills: %d s%n", head("routing") - base,
                Duration.between(began, Instant.now()).toSeconds());
        assertEachEventOfTheFeedAppliedOnce("appraisal-routing", "routing");

        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("received", (long) orders);
        expected.put("replied", (long) replied.get());
        expected.put("repliedOnTime", (long) replied.get());
        expected.put("repliedLate", 0L);
        expected.put("openPastDeadline", 0L);
        expected.put("returnsRequested", (long) refusedReturns.get());
        expected.put("improperReturns", (long) refusedReturns.get());
        assertFigures("/api/v1/kpis/work-orders?by=UNIT", from, unit, expected);
        String[] orderIds = ids.toArray(String[]::new);
        assertEquals(orders, orderIds.length);
        assertEquals(orders, scalar("appraisal", "SELECT count(*) FROM work_order_fact WHERE work_order_id = ANY(?)",
                orderIds, "uuid"), "one fact per order");
        assertEquals(orders, scalar("appraisal", "SELECT count(*) FROM complaint_fact WHERE work_order_id = ANY(?)",
                orderIds, "uuid"), "one complaint subject per order");
        assertEquals(2L * refusedReturns.get(), scalar("appraisal", "SELECT count(*) FROM work_order_return_fact "
                + "WHERE work_order_id = ANY(?)", orderIds, "uuid"), "a requested and a refused step per return");
    }

    // --- killing and checking -----------------------------------------------------------------------------------

    /**
     * SIGKILLs appraisal when its consumer has applied a quarter, then three fifths of the {@code planned} events
     * after {@code base}, while the load still runs or the backlog is applied, and restarts it each time.
     */
    private static void killAppraisalTwiceWhileItApplies(String consumer, String producer, long base, long planned,
            Future<?> load) {
        for (long target : new long[] { base + planned / 4, base + planned * 3 / 5 }) {
            await(consumer + " at position " + target, () -> position(consumer) >= target, load);
            appraisal.kill();
            System.out.printf("[feeds] appraisal killed: %s at position %d, %s's feed head %d%n", consumer,
                    position(consumer), producer, head(producer));
            appraisal.start();
        }
    }

    /** The consumer applied exactly the events of the producer's feed, each once, and stands at its head. */
    private static void assertEachEventOfTheFeedAppliedOnce(String consumer, String producer) {
        eventually(() -> appliedIds(consumer).equals(feedIds(producer)));
        Set<UUID> feed = feedIds(producer);
        Set<UUID> applied = appliedIds(consumer);
        Set<UUID> missing = new HashSet<>(feed);
        missing.removeAll(applied);
        Set<UUID> unknown = new HashSet<>(applied);
        unknown.removeAll(feed);
        assertTrue(missing.isEmpty(), missing.size() + " events of the feed that " + consumer + " never applied, e.g. "
                + missing.stream().limit(5).toList());
        assertTrue(unknown.isEmpty(), unknown.size() + " ids " + consumer + " applied that are not in the feed, e.g. "
                + unknown.stream().limit(5).toList());
        assertEquals(head(producer), feed.size(), "the feed holds one event per position");
        assertEquals(head(producer), position(consumer), consumer + " stands at the feed's head");
    }

    /** Waits until the leader's KPI row {@code key} shows {@code expected} (or the patience runs out), then checks it. */
    private static void assertFigures(String path, Instant from, String key, Map<String, Long> expected) {
        String url = appraisal.baseUrl() + path + "&period=ALL&from=" + from + "&to="
                + Instant.now().plus(Duration.ofHours(1));
        eventually(() -> figures(url, key, expected.keySet()).equals(expected));
        assertEquals(expected, figures(url, key, expected.keySet()), "KPI figures of " + key + " at " + url);
    }

    private static Map<String, Long> figures(String url, String key, Set<String> names) {
        JsonNode body = read(get(url, LEADER));
        Map<String, Long> out = new LinkedHashMap<>();
        for (JsonNode row : body.path("rows")) {
            if (key.equals(row.path("key").asText())) {
                names.forEach(n -> out.put(n, row.path(n).asLong()));
            }
        }
        return out;
    }

    private static long count(Map<String, AtomicInteger> counts, String key) {
        AtomicInteger n = counts.get(key);
        return n == null ? 0 : n.get();
    }

    // --- producing ----------------------------------------------------------------------------------------------

    /** Runs {@code unit} for 0..count-1 on {@code clients} threads; the future fails with the first failure. */
    private static Future<?> load(int count, int clients, IntConsumer unit) {
        ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    unit.accept(i);
                }
            }));
        }
        Future<?> all = pool.submit(() -> {
            for (Future<?> w : workers) {
                w.get();
            }
            return null;
        });
        pool.shutdown();
        return all;
    }

    /** One call event of the switch; each event has its own id, so a retry of it is recognised as a repeat. */
    private static JsonNode callEvent(String call, String type, Instant at, String extra) {
        String body = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"callId\":\"" + call + "\",\"type\":\"" + type
                + "\",\"occurredAt\":\"" + at + "\"" + extra + "}";
        return send(type + " of " + call, () -> HttpRequest.newBuilder(URI.create(intake.baseUrl()
                        + "/api/v1/calls/events")).header("Authorization", SWITCH)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), true);
    }

    /**
     * Sends a request until it gets a 2xx; a 503 (nothing was done) is retried, and so, when {@code idempotent}, is a
     * request that got no answer. Anything else fails the load.
     */
    private static JsonNode send(String what, java.util.function.Supplier<HttpRequest.Builder> request,
            boolean idempotent) {
        Instant giveUp = Instant.now().plus(PATIENCE);
        while (true) {
            try {
                HttpResponse<String> r = http.send(request.get().timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 == 2) {
                    return read(r.body());
                }
                if (r.statusCode() != 503) {
                    throw new AssertionError(what + ": " + r.statusCode() + " " + r.body());
                }
            } catch (IOException e) {
                if (!idempotent) {
                    throw new AssertionError(what + ": no answer", e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError(what + ": not accepted within " + PATIENCE);
            }
            EvaluationImportLoad.pause(250);
        }
    }

    private static String get(String url, String authorization) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), url + ": " + r.body());
            return r.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A unit of Zibo in routing. */
    private static String unit(String name) {
        return send("unit " + name, () -> HttpRequest.newBuilder(URI.create(routing.baseUrl() + "/api/v1/units"))
                .header("Authorization", TestTokens.bearer("tenant-admin", TENANT))
                .header("Content-Type", "application/json")
                .POST(json(Map.of("name", name, "kind", "CITY_AGENCY", "regionCode", ZIBO, "leaderName", "王主任",
                        "leaderPhone", "0533-3120001"))), false).path("id").asText();
    }

    /** A routing rule that dispatches orders whose title holds {@code keyword} to {@code unit}, due in 5 working days. */
    private static void rule(String keyword, String unit) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "kill rule " + keyword);
        body.put("position", 10);
        body.put("keywords", List.of(keyword));
        body.put("targetUnitId", unit);
        body.put("limitValue", 5);
        body.put("limitUnit", "WORKING_DAYS");
        body.put("effectiveFrom", "2020-01-01");
        send("rule " + keyword, () -> HttpRequest.newBuilder(URI.create(routing.baseUrl() + "/api/v1/routing-rules"))
                .header("Authorization", TestTokens.bearer("tenant-admin", TENANT))
                .header("Content-Type", "application/json").POST(json(body)), false);
    }

    // --- the databases ------------------------------------------------------------------------------------------

    /** Waits until {@code condition} holds; a failed {@code load} ends the wait with its failure. */
    private static void await(String what, BooleanSupplier condition, Future<?> load) {
        Instant giveUp = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (load.isDone()) {
                try {
                    load.get();
                } catch (ExecutionException e) {
                    throw new AssertionError("the load failed while waiting for " + what, e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("not within " + PATIENCE.toSeconds() + " s: " + what);
            }
            EvaluationImportLoad.pause(200);
        }
    }

    /** Waits until {@code condition} holds or the patience runs out; the caller's assertions then say what differs. */
    private static void eventually(BooleanSupplier condition) {
        Instant giveUp = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean() && Instant.now().isBefore(giveUp)) {
            EvaluationImportLoad.pause(500);
        }
    }

    /** The consumer's stored position in its feed (0 before its first batch). */
    private static long position(String consumer) {
        try (Connection c = db("appraisal"); PreparedStatement s = c.prepareStatement(
                "SELECT coalesce(max(position), 0) FROM event_consumer WHERE consumer = ?")) {
            s.setString(1, consumer);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The producer's feed head: how many events it has published. */
    private static long head(String producer) {
        try (Connection c = db(producer); PreparedStatement s = c.prepareStatement(
                "SELECT coalesce(max(head), 0) FROM outbox_feed_state"); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ids of the events on the producer's feed (those given a position). */
    private static Set<UUID> feedIds(String producer) {
        return ids(producer, "SELECT id FROM outbox_event WHERE position IS NOT NULL", null);
    }

    /** The ids of the events the consumer recorded as applied. */
    private static Set<UUID> appliedIds(String consumer) {
        return ids("appraisal", "SELECT event_id FROM event_applied WHERE consumer = ?", consumer);
    }

    private static Set<UUID> ids(String service, String sql, String parameter) {
        Set<UUID> ids = new HashSet<>();
        try (Connection c = db(service); PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    private static long scalar(String service, String sql, String[] values, String type) throws SQLException {
        try (Connection c = db(service); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf(type, "uuid".equals(type)
                    ? java.util.Arrays.stream(values).map(UUID::fromString).toArray() : values));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static Connection db(String service) throws SQLException {
        Map<String, String> env = System.getenv();
        return DriverManager.getConnection("jdbc:postgresql://" + env.getOrDefault("HOTLINE_DB_HOST", "127.0.0.1")
                + ":" + env.getOrDefault("HOTLINE_DB_PORT", "5432") + "/hotline_" + service + SUFFIX,
                env.getOrDefault("HOTLINE_DB_USER", "hotline"), env.getOrDefault("HOTLINE_DB_PASSWORD", "hotline"));
    }
}
