package org.hotline.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service's OpenAPI document (its {@code /q/openapi}), read so that every operation is tested, new ones included. */
public final class OpenApiDocument {

    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    /** Reads the document of the service at {@code baseUri} (e.g. {@code http://localhost:8081}). */
    public static OpenApiDocument of(URI baseUri) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    baseUri.resolve("/q/openapi?format=json")).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/q/openapi answered " + response.statusCode());
            }
            return new OpenApiDocument(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the OpenAPI document of " + baseUri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every operation of the document, in the document's order. */
    public List<ApiOperation> operations() {
        List<ApiOperation> out = new ArrayList<>();
        JsonNode paths = root.path("paths");
        for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext();) {
            Map.Entry<String, JsonNode> path = p.next();
            for (Iterator<Map.Entry<String, JsonNode>> m = path.getValue().fields(); m.hasNext();) {
                Map.Entry<String, JsonNode> method = m.next();
                if (!Set.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
                    continue;
                }
                out.add(operation(method.getKey().toUpperCase(), path.getKey(), path.getValue(), method.getValue()));
            }
        }
        return out;
    }

    /** The schema behind a {@code $ref} (or the node itself). */
    public JsonNode resolve(JsonNode schema) {
        JsonNode node = schema;
        for (int hops = 0; node != null && node.has("$ref") && hops < 10; hops++) {
            String ref = node.get("$ref").asText();
            node = root.at(ref.substring(1));
        }
        return node;
    }

    private ApiOperation operation(String method, String path, JsonNode pathItem, JsonNode op) {
        List<String> pathParameters = new ArrayList<>();
        Matcher template = TEMPLATE.matcher(path);
        while (template.find()) {
            pathParameters.add(template.group(1));
        }
        List<ApiOperation.Parameter> query = new ArrayList<>();
        for (JsonNode list : new JsonNode[] { pathItem.path("parameters"), op.path("parameters") }) {
            for (JsonNode parameter : list) {
                JsonNode p = resolve(parameter);
                if ("query".equals(p.path("in").asText())) {
                    query.add(new ApiOperation.Parameter(p.path("name").asText(), resolve(p.path("schema")),
                            p.path("required").asBoolean(false)));
                }
            }
        }
        JsonNode body = null;
        JsonNode example = null;
        JsonNode content = op.path("requestBody").path("content");
        for (Iterator<Map.Entry<String, JsonNode>> c = content.fields(); c.hasNext();) {
            Map.Entry<String, JsonNode> media = c.next();
            if (media.getKey().contains("json") || body == null) {
                body = resolve(media.getValue().path("schema"));
                example = exampleOf(media.getValue(), body);
            }
        }
        Set<String> roles = new LinkedHashSet<>();
        boolean secured = false;
        JsonNode security = op.has("security") ? op.get("security") : root.path("security");
        for (JsonNode requirement : security) {
            for (Iterator<Map.Entry<String, JsonNode>> s = requirement.fields(); s.hasNext();) {
                secured = true;
                s.next().getValue().forEach(role -> roles.add(role.asText()));
            }
        }
        return new ApiOperation(method, path, pathParameters, query, body, example, roles, secured);
    }

    private JsonNode exampleOf(JsonNode media, JsonNode schema) {
        if (media.has("example")) {
            return media.get("example");
        }
        for (JsonNode example : media.path("examples")) {
            JsonNode value = resolve(example).get("value");
            if (value != null) {
                return value;
            }
        }
        if (schema != null && schema.has("example")) {
            return schema.get("example");
        }
        return null;
    }
}
