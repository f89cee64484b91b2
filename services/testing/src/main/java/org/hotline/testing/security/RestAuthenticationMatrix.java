package org.hotline.testing.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.testing.TestTokens;
import org.hotline.testing.fuzz.ApiOperation;
import org.hotline.testing.fuzz.OpenApiDocument;

/**
 * The authentication and role matrix of every secured operation of a service's OpenAPI document: no token and each
 * of {@link BadTokens} answer 401, each staff role the operation does not admit answers 403, both as
 * problem+json. The operation list and the admitted roles come from the document (Quarkus derives them from
 * {@code @RolesAllowed}), so a new endpoint is in the matrix without anyone adding it.
 */
public final class RestAuthenticationMatrix {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final OpenApiDocument document;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private int checked;

    private RestAuthenticationMatrix(URI base) {
        this.base = base;
        this.document = OpenApiDocument.of(base);
    }

    /** The matrix of the service listening at {@code base}. */
    public static RestAuthenticationMatrix of(URI base) {
        return new RestAuthenticationMatrix(base);
    }

    /** The operations of the document. */
    public List<ApiOperation> operations() {
        return document.operations();
    }

    /** Requests sent by the last {@link #violations()}. */
    public int checked() {
        return checked;
    }

    /** Every cell of the matrix that did not answer as it must, with what it answered. */
    public List<String> violations() {
        checked = 0;
        List<String> out = new ArrayList<>();
        Map<String, String> bad = BadTokens.all();
        for (ApiOperation op : document.operations()) {
            if (!op.secured()) {
                continue;
            }
            expect(op, null, "no token", 401, out);
            for (Map.Entry<String, String> token : bad.entrySet()) {
                expect(op, token.getValue(), token.getKey(), 401, out);
            }
            if (op.roles().isEmpty()) {
                continue;
            }
            for (Map.Entry<String, String> role : BadTokens.staffRoles().entrySet()) {
                if (!op.roles().contains(role.getKey())) {
                    expect(op, TestTokens.bearer(role.getKey(), role.getValue()), "role " + role.getKey(), 403, out);
                }
            }
        }
        return out;
    }

    private void expect(ApiOperation op, String authorization, String what, int status, List<String> out) {
        checked++;
        String path = op.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json, application/problem+json, */*;q=0.1");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (op.writes()) {
            JsonNode example = op.example();
            request.header("Content-Type", "application/json").method(op.method(), HttpRequest.BodyPublishers.ofString(
                    example == null ? "{}" : example.isTextual() ? example.asText() : example.toString()));
        } else {
            request.method(op.method(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (response.statusCode() != status || !type.startsWith("application/problem+json")) {
                out.add(op + " with " + what + ": " + response.statusCode() + " " + type + " "
                        + abbreviate(response.body()) + " (expected " + status + " problem+json)");
            } else if (JSON.readTree(response.body()).path("status").asInt() != status) {
                out.add(op + " with " + what + ": problem without its status: " + abbreviate(response.body()));
            }
        } catch (IOException e) {
            out.add(op + " with " + what + ": no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
