package org.hotline.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Intake's service-hours API as the console sees it, answering as intake does: the province's hours, a saved change,
 * or a 400 problem for a lunch break outside the day. It keeps the requests it got and shows them at
 * {@code GET /recorded} (the test reads them over HTTP: the resource and the test run in different class loaders).
 */
public class StandInIntake implements QuarkusTestResourceLifecycleManager {

    private static final String HOURS = "{\"tenant\":\"37\",\"zone\":\"Asia/Shanghai\",\"open\":\"%s\",\"close\":\"%s\","
            + "\"lunchBreakStart\":\"12:00\",\"lunchBreakEnd\":\"13:00\",\"days\":[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\","
            + "\"THURSDAY\",\"FRIDAY\"],\"periods\":[\"%s-12:00\",\"13:00-%s\"],\"source\":\"%s\",\"version\":%d,"
            + "\"updatedBy\":%s,\"updatedAt\":null,\"openNow\":false,\"nextOpeningAt\":\"2026-11-30T01:00:00Z\"}";

    private HttpServer server;
    private final List<String> recorded = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v1/service-hours", this::hours);
        server.createContext("/recorded", x -> answer(x, 200, "text/plain", String.join("\n", recorded)));
        server.createContext("/", x -> answer(x, 404, "application/problem+json",
                "{\"type\":\"urn:hotline:problem:not-found\",\"title\":\"Not found\",\"status\":404,\"detail\":\"none\"}"));
        server.start();
        return Map.of("hotline.console.services.intake", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void hours(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String query = x.getRequestURI().getRawQuery();
        recorded.add(x.getRequestMethod() + " " + x.getRequestURI().getPath() + (query == null ? "" : "?" + query)
                + " " + x.getRequestHeaders().getFirst("Authorization") + " " + body);
        if ("GET".equals(x.getRequestMethod())) {
            answer(x, 200, "application/json", String.format(HOURS, "09:00", "17:00", "09:00", "17:00", "CONFIGURED", 0,
                    "null"));
        } else if (body.contains("\"lunchBreakStart\":\"18:00\"")) {
            answer(x, 400, "application/problem+json", "{\"type\":\"urn:hotline:problem:validation\",\"title\":"
                    + "\"Invalid input\",\"status\":400,\"detail\":\"lunchBreakStart: the lunch break (18:00-19:00) must "
                    + "lie inside the opening hours (08:30-17:30)\",\"violations\":[{\"field\":\"lunchBreakStart\"}]}");
        } else {
            answer(x, 200, "application/json", String.format(HOURS, "08:30", "17:30", "08:30", "17:30", "PROVINCE", 5,
                    "\"tenant-admin@37\""));
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
