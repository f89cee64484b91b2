package org.hotline.console.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import org.hotline.console.config.ConsoleConfig;
import org.hotline.console.session.Staff;

/**
 * Calls the services' REST APIs with the staff member's own bearer token, so every rule (role, province, unit) is the
 * service's: the console adds none. Answers are JSON trees the templates read; errors become {@link ServiceRefusal}.
 */
@ApplicationScoped
public class ServiceCalls {

    private final WebClient client;
    private final ConsoleConfig config;
    private final ObjectMapper json;

    public ServiceCalls(Vertx vertx, ConsoleConfig config, ObjectMapper json) {
        this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setMaxPoolSize(20)
                .setUserAgent("hotline-console"));
        this.config = config;
        this.json = json;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** GET {@code path} (with its query) from a service. */
    public Uni<JsonNode> get(Staff staff, Service service, String path) {
        return send(staff, service, HttpMethod.GET, path, null);
    }

    /**
     * GET {@code path} as text of the {@code accept} type (an SVG chart, a CSV table), for the console to pass on
     * unchanged; an error answer is a {@link ServiceRefusal} as for JSON.
     */
    public Uni<String> text(Staff staff, Service service, String path, String accept) {
        return client.requestAbs(HttpMethod.GET, base(service) + path).bearerTokenAuthentication(staff.token())
                .putHeader("Accept", accept + ", application/problem+json")
                .timeout(config.requestTimeout().toMillis()).send()
                .onFailure().transform(e -> new ServiceRefusal(503, service.name().toLowerCase(),
                        "The " + service.name().toLowerCase() + " service did not answer: " + e.getMessage()))
                .map(r -> {
                    if (r.statusCode() >= 400) {
                        read(service, r);
                    }
                    return r.bodyAsString() == null ? "" : r.bodyAsString();
                });
    }

    /** POST a JSON body (a map or record) to a service; an Idempotency-Key makes a double click harmless. */
    public Uni<JsonNode> post(Staff staff, Service service, String path, Object body) {
        return send(staff, service, HttpMethod.POST, path, body == null ? Map.of() : body);
    }

    /** PUT a JSON body to a service. */
    public Uni<JsonNode> put(Staff staff, Service service, String path, Object body) {
        return send(staff, service, HttpMethod.PUT, path, body);
    }

    /** DELETE a resource of a service. */
    public Uni<JsonNode> delete(Staff staff, Service service, String path) {
        return send(staff, service, HttpMethod.DELETE, path, null);
    }

    private Uni<JsonNode> send(Staff staff, Service service, HttpMethod method, String path, Object body) {
        HttpRequest<Buffer> request = client.requestAbs(method, base(service) + path)
                .bearerTokenAuthentication(staff.token())
                .putHeader("Accept", "application/json, application/problem+json")
                .timeout(config.requestTimeout().toMillis());
        Uni<HttpResponse<Buffer>> answer;
        if (body == null) {
            answer = request.send();
        } else {
            request.putHeader("Content-Type", "application/json");
            if (method == HttpMethod.POST) {
                request.putHeader("Idempotency-Key", UUID.randomUUID().toString());
            }
            answer = request.sendBuffer(Buffer.buffer(write(body)));
        }
        return answer.onFailure().transform(e -> new ServiceRefusal(503, service.name().toLowerCase(),
                        "The " + service.name().toLowerCase() + " service did not answer: " + e.getMessage()))
                .map(r -> read(service, r));
    }

    private JsonNode read(Service service, HttpResponse<Buffer> response) {
        JsonNode tree = parse(response.bodyAsString());
        if (response.statusCode() >= 400) {
            String title = tree.path("title").asText(response.statusMessage());
            String detail = tree.path("detail").asText(title);
            // Status and problem type only: details may quote what the user typed.
            Log.infof("console: %s answered %d %s", service.name().toLowerCase(), response.statusCode(),
                    tree.path("type").asText(title));
            throw new ServiceRefusal(response.statusCode(), title, detail);
        }
        return tree;
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(text);
        } catch (java.io.IOException e) {
            Log.warnf("console: an answer that is not JSON (%d characters): %s", text.length(), e.getMessage());
            return json.createObjectNode().put("detail", text);
        }
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private String base(Service service) {
        ConsoleConfig.Services s = config.services();
        return switch (service) {
            case INTAKE -> s.intake();
            case ROUTING -> s.routing();
            case KNOWLEDGE -> s.knowledge();
            case EVALUATION -> s.evaluation();
            case APPRAISAL -> s.appraisal();
        };
    }
}
