package org.hotline.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two appraisal processes sharing one database, fed by a real routing process (issue 14): a burst of complaints
 * lights each scope yellow then red exactly once, and a leader's webhook (a local receiver that fails the first
 * attempt of each yellow) gets each notification exactly once after its retry, while both replicas evaluate on their
 * schedules and are made to evaluate at the same moments. Also: routing's created facts carry the complaint's subject,
 * so complaints about one housing estate registered in routing show as an appraisal hotspot.
 */
class AppraisalReplicasIT {

    private static final String SUFFIX = "_it4";
    private static final String TENANT = "37";
    private static final String ZIBO = "370300";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RequestSpecification HTTP = new RequestSpecBuilder()
            .setConfig(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.connection.timeout", 30_000).setParam("http.socket.timeout", 120_000)))
            .build();

    private static ServiceProcess routing;
    private static ServiceProcess first;
    private static ServiceProcess second;
    private static HttpServer receiver;
    /** Every request the receiver got: idempotency key, light id, kind, the status it answered. */
    private static final List<String[]> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        ServiceProcess.resetDatabase("routing", SUFFIX);
        ServiceProcess.resetDatabase("appraisal", SUFFIX);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Set<String> failedOnce = new HashSet<>();
        receiver.createContext("/hook", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            String kind = body.path("kind").asText();
            int status;
            synchronized (failedOnce) {
                // The first attempt of each yellow fails: the notification must come again, with the same key.
                status = "YELLOW".equals(kind) && failedOnce.add(key) ? 500 : 204;
            }
            // The tenant's webhook also gets hotspot alerts (the complaints here make topic hotspots): lights only.
            if (body.has("lightId")) {
                received.add(new String[] { key, body.path("lightId").asText(), kind, String.valueOf(status),
                        body.path("scope").asText(), body.path("scopeKey").asText() });
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        routing = ServiceProcess.of("routing").with("hotline.db.suffix", SUFFIX).start();
        first = replica().start();
        second = replica().start();
    }

    private static ServiceProcess replica() {
        return ServiceProcess.of("appraisal").with("hotline.db.suffix", SUFFIX)
                .with("hotline.appraisal.lights.evaluate-every", "1s")
                .with("hotline.appraisal.lights.deliver-every", "1s")
                .with("hotline.appraisal.lights.first-backoff", "PT1S")
                .calling("routing", routing);
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess p : new ServiceProcess[] { second, first, routing }) {
            if (p != null) {
                p.stop();
            }
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aBurstOfComplaintsLightsEachScopeOnceAndTheWebhookGetsEachNotificationOnceFromTwoReplicas()
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String unit = unit("淄博 lights " + run);
        String keyword = "LIGHT" + run;
        rule(keyword, unit);
        given().spec(HTTP).header("Authorization", TestTokens.bearer("tenant-admin", TENANT))
                .contentType(ContentType.JSON)
                .body(Map.of("lightYellowCount", 3, "lightRedCount", 6, "lightBaselineWeeks", 0,
                        "webhookUrl", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"))
                .when().put(second.baseUrl() + "/api/v1/kpi-settings?tenant=" + TENANT)
                .then().statusCode(200);

        // Three complaints: yellow. Both replicas are also made to evaluate at the same moments, many times.
        for (int i = 0; i < 3; i++) {
            order(keyword, "医保报销进度 " + keyword, null);
        }
        await("the unit's light is yellow", () -> level(unit).equals("YELLOW"));
        int opened = evaluateTogether(8)[0];
        // Three more: red.
        for (int i = 0; i < 3; i++) {
            order(keyword, "医保报销进度 " + keyword, null);
        }
        await("the unit's light is red", () -> level(unit).equals("RED"));
        int[] later = evaluateTogether(8);
        await("yellow (after its retry) and red delivered for the unit", () -> delivered(unit, "YELLOW") == 1
                && delivered(unit, "RED") == 1);
        // A few more seconds of both schedules: nothing may be sent again.
        Thread.sleep(4_000);

        assertEquals(1, lights("UNIT", unit), "one light for the unit's crossing");
        assertEquals(1, lights("REGION", ZIBO), "one light for the region's crossing");
        assertTrue(opened + later[0] <= 2, "the forced evaluations opened at most the two lights: " + opened);
        Map<String, List<String[]>> byNotification = new HashMap<>();
        for (String[] r : received) {
            byNotification.computeIfAbsent(r[1] + "|" + r[2], k -> new ArrayList<>()).add(r);
        }
        assertFalse(byNotification.isEmpty());
        for (var n : byNotification.entrySet()) {
            Set<String> keys = new HashSet<>();
            long answered = 0;
            for (String[] r : n.getValue()) {
                keys.add(r[0]);
                answered += r[3].equals("204") ? 1 : 0;
            }
            assertEquals(1, keys.size(), "one delivery (one idempotency key) for " + n.getKey());
            assertEquals(1, answered, "delivered once for " + n.getKey());
            if (n.getKey().endsWith("|YELLOW")) {
                assertEquals(2, n.getValue().size(), "a failed yellow is retried once, then delivered: " + n.getKey());
            }
        }
        assertEquals(1, deliveryRows(unit, "YELLOW"));
        assertEquals(1, deliveryRows(unit, "RED"));
        // Both replicas were running and answering throughout.
        assertEquals(200, first.status("/q/health/ready"));
        assertEquals(200, second.status("/q/health/ready"));
    }

    @Test
    void complaintsAboutOneHousingEstateRegisteredInRoutingAreOneHotspotOnEitherReplica() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String unit = unit("淄博 estate " + run);
        String keyword = "ESTATE" + run;
        rule(keyword, unit);
        String[] addresses = { "淄博市张店区共青团路幸福小区3号楼", "张店区幸福花园小区5单元", "幸福小区东门",
                "共青团路 幸福小区 12号楼", "张店区幸福小区" };
        Set<String> ids = new HashSet<>();
        for (String address : addresses) {
            ids.add(order(keyword, "小区门口药店不让用医保卡 " + keyword, address));
        }
        Instant from = Instant.now().minus(Duration.ofHours(1));
        Instant to = Instant.now().plus(Duration.ofHours(1));
        for (ServiceProcess replica : List.of(first, second)) {
            await("the estate hotspot on " + replica.port(), () -> hotspot(replica, from, to).getInt("total") == 1);
            JsonPath h = hotspot(replica, from, to);
            assertEquals("ESTATE", h.getString("items[0].kind"));
            assertEquals(TENANT, h.getString("items[0].tenant"));
            assertEquals(ZIBO, h.getString("items[0].regionCode"));
            assertEquals(5, h.getInt("items[0].count"));
            assertEquals(ids, new HashSet<>(h.getList("items[0].workOrderIds", String.class)));
        }
        // Routing's summary masks digit runs and carries no citizen number.
        try (Connection c = appraisalDb(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM complaint_fact WHERE summary LIKE '%13905330000%' "
                        + "OR subject_address LIKE '%13905330000%'")) {
            r.next();
            assertEquals(0, r.getInt(1));
        }
    }

    private static JsonPath hotspot(ServiceProcess replica, Instant from, Instant to) {
        return given().spec(HTTP).header("Authorization", TestTokens.bearer("leader", TENANT))
                .queryParam("kind", "ESTATE").queryParam("from", from.toString()).queryParam("to", to.toString())
                .when().get(replica.baseUrl() + "/api/v1/hotspots").then().statusCode(200).extract().jsonPath();
    }

    /** Both replicas evaluate at the same moment, {@code rounds} times: opened, turned red (summed). */
    private static int[] evaluateTogether(int rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int[] total = new int[2];
        try {
            for (int i = 0; i < rounds; i++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<JsonPath>> answers = new ArrayList<>();
                for (ServiceProcess replica : List.of(first, second)) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return given().spec(HTTP).header("Authorization", TestTokens.bearer("platform-operator", "*"))
                                .when().post(replica.baseUrl() + "/api/v1/lights/evaluations").then().statusCode(200)
                                .extract().jsonPath();
                    }));
                }
                go.countDown();
                for (Future<JsonPath> a : answers) {
                    total[0] += a.get().getInt("opened");
                    total[1] += a.get().getInt("turnedRed");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return total;
    }

    private static String level(String unit) {
        List<Map<String, Object>> open = given().spec(HTTP).header("Authorization", TestTokens.bearer("leader", TENANT))
                .when().get(first.baseUrl() + "/api/v1/lights").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.scope == 'UNIT' && it.scopeKey == '" + unit + "' }");
        return open == null || open.isEmpty() ? "" : String.valueOf(open.get(0).get("level"));
    }

    private static long delivered(String unit, String kind) {
        return received.stream().filter(r -> r[4].equals("UNIT") && r[5].equals(unit) && r[2].equals(kind)
                && r[3].equals("204")).count();
    }

    private static int lights(String scope, String key) throws SQLException {
        return count("SELECT count(*) FROM complaint_light WHERE tenant = '37' AND scope = '" + scope
                + "' AND scope_key = '" + key + "'");
    }

    private static int deliveryRows(String unit, String kind) throws SQLException {
        return count("SELECT count(*) FROM light_delivery d JOIN complaint_light l ON l.id = d.light_id "
                + "WHERE l.scope = 'UNIT' AND l.scope_key = '" + unit + "' AND d.kind = '" + kind + "'");
    }

    private static int count(String sql) throws SQLException {
        try (Connection c = appraisalDb(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    private static Connection appraisalDb() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + env("HOTLINE_DB_HOST", "127.0.0.1") + ":"
                + env("HOTLINE_DB_PORT", "5432") + "/hotline_appraisal" + SUFFIX, env("HOTLINE_DB_USER", "hotline"),
                env("HOTLINE_DB_PASSWORD", "hotline"));
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(90));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("not within 90 s: " + what + "; webhook got " + received.size());
            }
            Thread.sleep(250);
        }
    }

    private static String unit(String name) {
        return given().spec(HTTP).header("Authorization", TestTokens.bearer("tenant-admin", TENANT))
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "kind", "CITY_AGENCY", "regionCode", ZIBO,
                        "leaderName", "王主任", "leaderPhone", "0533-3120001"))
                .when().post(routing.baseUrl() + "/api/v1/units")
                .then().statusCode(201).extract().path("id");
    }

    private static void rule(String keyword, String unit) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "appraisal rule " + keyword);
        body.put("position", 10);
        body.put("keywords", List.of(keyword));
        body.put("targetUnitId", unit);
        body.put("limitValue", 5);
        body.put("limitUnit", "WORKING_DAYS");
        body.put("effectiveFrom", "2020-01-01");
        given().spec(HTTP).header("Authorization", TestTokens.bearer("tenant-admin", TENANT))
                .contentType(ContentType.JSON).body(body)
                .when().post(routing.baseUrl() + "/api/v1/routing-rules").then().statusCode(201);
    }

    /** A complaint (问题反馈) registered by an agent, with the caller's number (which must not reach appraisal). */
    private static String order(String keyword, String title, String address) {
        Map<String, Object> body = new HashMap<>(Map.of("regionCode", ZIBO, "category", "FEEDBACK", "title", title,
                "description", "参保人反映问题，回电 13905330000。", "citizenPhone", "13905330000",
                "channel", "PHONE"));
        if (address != null) {
            body.put("address", address);
        }
        return given().spec(HTTP).header("Authorization", TestTokens.bearer("agent", TENANT))
                .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(ContentType.JSON).body(body)
                .when().post(routing.baseUrl() + "/api/v1/work-orders")
                .then().statusCode(201).extract().path("id");
    }
}
