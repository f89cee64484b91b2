package org.hotline.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Appraisal's hotspot API as the console sees it, answering as appraisal does: {@code GET /api/v1/hotspots} lists the
 * token's province's hotspots with their {@code alert} (one never alerted, one alerted and waiting, one acknowledged),
 * and {@code POST /api/v1/hotspots/{alertId}/acknowledgement} keeps the first acknowledgement with the token's subject
 * (leader, tenant-admin, platform-operator only: 403 otherwise; another province's alert: 404). Every other path is a
 * 404 problem, so the dashboard's other sections show "unavailable". Requests are shown at {@code GET /recorded}.
 */
public class StandInAppraisal implements QuarkusTestResourceLifecycleManager {

    private static final Set<String> ACKNOWLEDGERS = Set.of("leader", "tenant-admin", "platform-operator");
    private static final String NOT_FOUND = "{\"type\":\"urn:hotline:problem:hotspot-alert-not-found\",\"title\":"
            + "\"Not found\",\"status\":404,\"detail\":\"No hotspot alert.\"}";

    private final ObjectMapper json = new ObjectMapper();
    private HttpServer server;
    private final List<String> recorded = new CopyOnWriteArrayList<>();
    /** Acknowledgements by alert id: [acknowledgedAt, acknowledgedBy]. */
    private final Map<String, String[]> acknowledged = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v1/hotspots", this::hotspots);
        server.createContext("/recorded", x -> answer(x, 200, "text/plain", String.join("\n", recorded)));
        server.createContext("/", x -> answer(x, 404, "application/problem+json", "{\"type\":"
                + "\"urn:hotline:problem:not-found\",\"title\":\"Not found\",\"status\":404,\"detail\":\"none\"}"));
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        // Routing too (unit names): its 404 leaves the dashboard with the units' ids, as when routing is away.
        return Map.of("hotline.console.services.appraisal", url, "hotline.console.services.routing", url);
    }

    /** The alert id of a province's hotspot of one kind (stable, like appraisal's name-based ids). */
    public static String alertId(String tenant, String kind) {
        return UUID.nameUUIDFromBytes(("alert:" + tenant + ":" + kind).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private void hotspots(HttpExchange x) throws IOException {
        String query = x.getRequestURI().getRawQuery();
        String auth = x.getRequestHeaders().getFirst("Authorization");
        recorded.add(x.getRequestMethod() + " " + x.getRequestURI().getPath() + (query == null ? "" : "?" + query)
                + " " + auth);
        JsonNode claims = claims(auth);
        if (claims == null) {
            answer(x, 401, "application/problem+json", "{\"title\":\"Unauthorized\",\"status\":401}");
            return;
        }
        String tenant = claims.path("tenant").asText();
        String path = x.getRequestURI().getPath();
        if ("GET".equals(x.getRequestMethod()) && path.equals("/api/v1/hotspots")) {
            String t = "*".equals(tenant) && query != null && query.matches(".*tenant=\\d\\d.*")
                    ? query.replaceAll(".*tenant=(\\d\\d).*", "$1") : tenant;
            ArrayNode items = "*".equals(t) ? json.createArrayNode() : items(t);
            ObjectNode page = json.createObjectNode().put("tenant", t).put("total", items.size());
            page.set("items", items);
            answer(x, 200, "application/json", page.toString());
        } else if ("POST".equals(x.getRequestMethod()) && path.matches("/api/v1/hotspots/[^/]+/acknowledgement")) {
            String id = path.split("/")[4];
            boolean mayAcknowledge = false;
            for (JsonNode g : claims.path("groups")) {
                mayAcknowledge |= ACKNOWLEDGERS.contains(g.asText());
            }
            if (!mayAcknowledge) {
                answer(x, 403, "application/problem+json", "{\"title\":\"Forbidden\",\"status\":403}");
                return;
            }
            // A national operator may acknowledge any province's alert; everyone else only their own province's.
            String owner = null;
            for (String t : List.of("37", "42")) {
                for (String kind : List.of("ESTATE", "TOPIC")) {
                    if (alertId(t, kind).equals(id) && ("*".equals(tenant) || tenant.equals(t))) {
                        owner = t;
                    }
                }
            }
            if (owner == null) {
                answer(x, 404, "application/problem+json", NOT_FOUND);
                return;
            }
            // The first acknowledgement is kept; a second answers the same.
            acknowledged.putIfAbsent(id, new String[] { Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                    claims.path("upn").asText() });
            for (JsonNode h : items(owner)) {
                if (id.equals(h.path("alert").path("id").asText())) {
                    ObjectNode view = json.createObjectNode().put("id", id).put("tenant", owner)
                            .put("kind", h.path("kind").asText()).put("label", h.path("label").asText())
                            .put("regionCode", h.path("regionCode").asText()).put("count", h.path("count").asInt())
                            .put("windowStart", h.path("windowStart").asText())
                            .put("windowEnd", h.path("windowEnd").asText())
                            .put("alertedAt", h.path("alert").path("alertedAt").asText());
                    view.set("acknowledgedAt", h.path("alert").path("acknowledgedAt"));
                    view.set("acknowledgedBy", h.path("alert").path("acknowledgedBy"));
                    view.set("workOrderIds", h.path("workOrderIds"));
                    answer(x, 200, "application/json", view.toString());
                    return;
                }
            }
            answer(x, 404, "application/problem+json", NOT_FOUND);
        } else {
            answer(x, 404, "application/problem+json", NOT_FOUND);
        }
    }

    /** A province's hotspots (regions of real cities: 济南 370100, 武汉 420100). */
    private ArrayNode items(String tenant) {
        String region = tenant + "0100";
        // The topic's alert was acknowledged before any test ran.
        acknowledged.putIfAbsent(alertId(tenant, "TOPIC"), new String[] { "2026-11-29T03:00:00Z", "wang@" + tenant });
        ArrayNode items = json.createArrayNode();
        items.add(item(tenant, "ADDRESS", "泉城路180号", region, 5, null));
        items.add(item(tenant, "ESTATE", "幸福", region, 6, alertId(tenant, "ESTATE")));
        items.add(item(tenant, "TOPIC", "异地 就医 备案", region, 7, alertId(tenant, "TOPIC")));
        return items;
    }

    private ObjectNode item(String tenant, String kind, String label, String region, int count, String alertId) {
        ObjectNode h = json.createObjectNode()
                .put("id", UUID.nameUUIDFromBytes((tenant + kind).getBytes(StandardCharsets.UTF_8)).toString())
                .put("kind", kind).put("label", label).put("tenant", tenant).put("regionCode", region)
                .put("count", count).put("windowStart", "2026-11-28T01:10:00Z").put("windowEnd", "2026-11-29T01:40:00Z")
                .put("status", "OPEN");
        ArrayNode orders = h.putArray("workOrderIds");
        for (int i = 0; i < count; i++) {
            orders.add(UUID.nameUUIDFromBytes((tenant + kind + i).getBytes(StandardCharsets.UTF_8)).toString());
        }
        if (alertId == null) {
            h.putNull("alert");
        } else {
            String[] ack = acknowledged.get(alertId);
            h.putObject("alert").put("id", alertId).put("alertedAt", "2026-11-29T01:41:00Z")
                    .put("acknowledgedAt", ack == null ? null : ack[0])
                    .put("acknowledgedBy", ack == null ? null : ack[1]);
        }
        return h;
    }

    private JsonNode claims(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring(7).split("\\.");
        try {
            return json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void answer(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            x.getResponseBody().write(bytes);
        }
        x.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
