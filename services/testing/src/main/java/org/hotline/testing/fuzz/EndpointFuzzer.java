package org.hotline.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.hotline.testing.TestTokens;

/**
 * Sends fuzz cases to every operation of a running service's OpenAPI document (so a new endpoint is fuzzed without
 * anyone adding it) and checks what a client and the operator rely on: no answer is a 5xx or missing, every 4xx is
 * {@code application/problem+json} with its status, and a refused request stored nothing (row counts of every table
 * before and after). The cases come from jqwik's generators with a fixed seed: a failure names the seed and case,
 * and the same run reproduces it.
 */
public final class EndpointFuzzer {

    /**
     * HTTP-layer refusals sent before any application code runs (request line or headers too large). A bare 400 to an
     * unparsable X-Forwarded-For or Forwarded header, from Quarkus' forwarded parser, is tolerated too: a known gap
     * (docs/security.md, "Input hardening"), still held to no 5xx and nothing stored.
     */
    private static final Set<Integer> TRANSPORT_REFUSALS = Set.of(414, 431);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final OpenApiDocument document;
    private long seed = 12393L;
    private int cases = 30;
    private final Map<Predicate<ApiOperation>, Integer> casesFor = new LinkedHashMap<>();
    private StoredRows rows;
    private Runnable pauseJobs = () -> { };
    private Runnable resumeJobs = () -> { };
    private Function<ApiOperation, String> authorization = EndpointFuzzer::tokenOfAnAdmittedRole;
    private long maxBodyBytes = 262_144;
    private final Map<String, String> defaultHeaders = new LinkedHashMap<>();

    private EndpointFuzzer(URI base) {
        this.base = base;
        this.document = OpenApiDocument.of(base);
    }

    /** A fuzzer for the service listening at {@code base}. */
    public static EndpointFuzzer of(URI base) {
        return new EndpointFuzzer(base);
    }

    /** The random seed of the run (default 12393). */
    public EndpointFuzzer seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Cases per operation (default 30). */
    public EndpointFuzzer casesPerOperation(int cases) {
        this.cases = cases;
        return this;
    }

    /** More (or fewer) cases for the operations matching {@code which}, e.g. the public endpoints. */
    public EndpointFuzzer casesFor(Predicate<ApiOperation> which, int cases) {
        casesFor.put(which, cases);
        return this;
    }

    /** A header sent with every case unless the case fuzzes it (e.g. the client address a proxy would give). */
    public EndpointFuzzer withHeader(String name, String value) {
        defaultHeaders.put(name, value);
        return this;
    }

    /** Checks that refused requests stored nothing in these tables. */
    public EndpointFuzzer watching(StoredRows rows) {
        this.rows = rows;
        return this;
    }

    /**
     * Pauses the service's own jobs for the run (e.g. {@code scheduler::pause, scheduler::resume}): the stored-rows
     * check counts rows around each request, and a sweep or planner writing meanwhile would look like a refused request
     * that stored something (a CI run saw evaluation's quarterly planner add a hearing mid-request).
     */
    public EndpointFuzzer pausingJobs(Runnable pause, Runnable resume) {
        this.pauseJobs = pause;
        this.resumeJobs = resume;
        return this;
    }

    /** The Authorization header for an operation (default: a token of one of its roles, tenant 37). */
    public EndpointFuzzer authorizedAs(Function<ApiOperation, String> authorization) {
        this.authorization = authorization;
        return this;
    }

    /** The operations of the service's document. */
    public List<ApiOperation> operations() {
        return document.operations();
    }

    /** Runs the cases of every operation matching {@code which}; the report holds counts and failures. */
    public FuzzReport run(Predicate<ApiOperation> which) {
        pauseJobs.run();
        try {
            // A job already running when paused finishes within this: the jobs take milliseconds.
            Thread.sleep(1000);
            return runCases(which);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            resumeJobs.run();
        }
    }

    private FuzzReport runCases(Predicate<ApiOperation> which) {
        FuzzReport report = new FuzzReport(seed);
        FuzzCases generator = new FuzzCases(seed, document, authorization, defaultHeaders);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        for (ApiOperation op : document.operations()) {
            if (!which.test(op)) {
                continue;
            }
            int count = casesFor.entrySet().stream().filter(e -> e.getKey().test(op)).map(Map.Entry::getValue)
                    .findFirst().orElse(cases);
            List<FuzzCase> all = new ArrayList<>(generator.of(op, count));
            if (op.writes()) {
                all.addAll(oversized(op));
            }
            int index = 0;
            for (FuzzCase c : all) {
                check(client, c, index++, report);
            }
        }
        return report;
    }

    /**
     * A body over the limit, with a Content-Length and chunked (no Content-Length): both 413 problem+json, the first
     * refused before it is read, the second on its first byte over the limit (hotline-common's body limits). An
     * operation without a body, or a path that matches no operation (404), does not read a chunked one: no 5xx only.
     */
    private List<FuzzCase> oversized(ApiOperation op) {
        byte[] body = ("{\"text\":\"" + "a".repeat((int) maxBodyBytes + 1024) + "\"}").getBytes();
        Map<String, String> headers = new LinkedHashMap<>(defaultHeaders);
        String auth = authorization.apply(op);
        if (auth != null) {
            headers.put("Authorization", auth);
        }
        headers.put("Content-Type", "application/json");
        String path = op.path().replaceAll("\\{[^}]+}", java.util.UUID.randomUUID().toString());
        return List.of(new FuzzCase(op, path, headers, body, false, "body over the limit"),
                new FuzzCase(op, path, headers, body, true, "chunked body over the limit"));
    }

    private void check(HttpClient client, FuzzCase c, int index, FuzzReport report) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + c.target()))
                .timeout(Duration.ofSeconds(30));
        for (Map.Entry<String, String> h : c.headers().entrySet()) {
            try {
                request.header(h.getKey(), h.getValue());
            } catch (IllegalArgumentException e) {
                // A value the HTTP client itself refuses to send (control characters): not sendable, so not a case.
                request.setHeader(h.getKey(), "x");
            }
        }
        HttpRequest.BodyPublisher body = c.body() == null ? HttpRequest.BodyPublishers.noBody()
                : c.chunked() ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(c.body()))
                        : HttpRequest.BodyPublishers.ofByteArray(c.body());
        request.method(c.operation().method(), body);
        long[] before = rows == null ? null : rows.count();
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            report.failure(c, index, "no answer: " + e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        int status = response.statusCode();
        report.count(c.operation(), status);
        if (status >= 500) {
            report.failure(c, index, status + " " + abbreviate(response.body()));
            return;
        }
        // A chunked body is read only once the request matched its operation: a fuzzed path value that matches none
        // (404) is refused before.
        boolean overLimit = c.label().equals("body over the limit")
                || c.label().equals("chunked body over the limit") && c.operation().requestBody() != null
                        && status != 404;
        if (overLimit && status != 413) {
            report.failure(c, index, "a " + c.label() + " answered " + status + ", not 413");
        }
        if (status >= 400) {
            boolean forwardedParser = status == 400 && response.body().isEmpty()
                    && (c.label().contains("header X-Forwarded-For") || c.label().contains("header Forwarded"));
            if (!TRANSPORT_REFUSALS.contains(status) && !forwardedParser) {
                String problem = problemDefect(response, status);
                if (problem != null) {
                    report.failure(c, index, status + ": " + problem);
                }
            }
            if (before != null) {
                String changed = rows.difference(before, rows.count());
                if (!changed.isEmpty()) {
                    report.failure(c, index, "refused with " + status + " but stored: " + changed);
                }
            }
        }
    }

    private static String problemDefect(HttpResponse<String> response, int status) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return "Content-Type '" + type + "', not application/problem+json; body " + abbreviate(response.body());
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            if (problem.path("status").asInt() != status || problem.path("type").asText().isEmpty()) {
                return "problem without its status or type: " + abbreviate(response.body());
            }
        } catch (IOException e) {
            return "problem+json that is not JSON: " + abbreviate(response.body());
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /** A token of one of the operation's roles (national for platform-operator and service), none if public. */
    public static String tokenOfAnAdmittedRole(ApiOperation op) {
        if (!op.secured()) {
            return null;
        }
        String role = op.roles().isEmpty() ? "agent" : op.roles().iterator().next();
        String tenant = role.equals("service") || role.equals("platform-operator") ? "*" : "37";
        return TestTokens.bearer(role, tenant);
    }
}
