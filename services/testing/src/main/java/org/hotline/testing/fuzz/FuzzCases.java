package org.hotline.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;

/**
 * Builds the fuzz cases of one operation from jqwik's generators, driven by a seeded {@link Random} so that a run is
 * reproducible: plausible requests (from the document's example or schema) with one or more things made hostile:
 * a body field (hostile string, wrong type, removed, unknown, duplicated, deeply nested), the whole body (garbage,
 * truncated, another media type, empty), a path segment, a query parameter, a header.
 */
final class FuzzCases {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Random random;
    private final OpenApiDocument document;
    private final Function<ApiOperation, String> authorization;
    private final Arbitrary<String> hostile = HostileInput.strings();
    private final Arbitrary<Object> wrongTypes = HostileInput.wrongTypes();
    private final Arbitrary<String> headerValues = HostileInput.headerValues();
    private final Arbitrary<String> parameterNames = HostileInput.parameterNames();

    private final Map<String, String> defaultHeaders;

    FuzzCases(long seed, OpenApiDocument document, Function<ApiOperation, String> authorization,
            Map<String, String> defaultHeaders) {
        this.defaultHeaders = defaultHeaders;
        this.random = seededSampling(seed);
        this.document = document;
        this.authorization = authorization;
    }

    /**
     * Seeds jqwik's source of randomness for this thread (what {@code Arbitrary#sample} draws from) and returns it,
     * so that the same Random drives jqwik's sampling and the choices made here. The engine class is on the runtime
     * classpath only ({@code net.jqwik:jqwik} keeps it there), hence the reflective call.
     */
    private static Random seededSampling(long seed) {
        try {
            return (Random) Class.forName("net.jqwik.engine.SourceOfRandomness").getMethod("create", String.class)
                    .invoke(null, Long.toString(seed));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("jqwik's engine is not on the classpath", e);
        }
    }

    /** {@code count} cases for {@code op}. */
    List<FuzzCase> of(ApiOperation op, int count) {
        List<FuzzCase> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cases.add(next(op));
        }
        return cases;
    }

    /**
     * One value of {@code arbitrary}. jqwik's sampling runs its generators outside a property (combinators need its
     * context) with the thread's source of randomness, which the constructor seeded: same seed, same cases.
     */
    private <T> T draw(Arbitrary<T> arbitrary) {
        return arbitrary.sample();
    }

    private FuzzCase next(ApiOperation op) {
        List<String> labels = new ArrayList<>();
        // Path: each template parameter a fresh id, or hostile.
        String path = op.path();
        for (String parameter : op.pathParameters()) {
            String value = UUID.randomUUID().toString();
            if (random.nextInt(3) == 0) {
                value = draw(hostile);
                labels.add("path " + parameter);
            }
            path = path.replace("{" + parameter + "}", UrlText.segment(withinRequestLine(value)));
        }
        // Query: declared parameters plausible or hostile, sometimes an undeclared one.
        StringBuilder query = new StringBuilder();
        for (ApiOperation.Parameter parameter : op.queryParameters()) {
            int dice = random.nextInt(4);
            if (dice == 0 && !parameter.required()) {
                continue;
            }
            String value = dice == 1 ? withinRequestLine(draw(hostile)) : plausible(parameter.schema(), parameter.name());
            if (dice == 1) {
                labels.add("query " + parameter.name());
            }
            query.append(query.isEmpty() ? "?" : "&").append(UrlText.component(parameter.name())).append('=')
                    .append(UrlText.component(value));
        }
        if (random.nextInt(5) == 0) {
            String name = draw(parameterNames);
            labels.add("query +" + name);
            query.append(query.isEmpty() ? "?" : "&").append(UrlText.component(name)).append('=')
                    .append(UrlText.component(withinRequestLine(draw(hostile))));
        }
        Map<String, String> headers = new LinkedHashMap<>(defaultHeaders);
        String auth = authorization.apply(op);
        if (auth != null) {
            headers.put("Authorization", auth);
        }
        headers.put("Accept", "application/json, application/problem+json");
        if (random.nextInt(4) == 0) {
            String header = List.of("Idempotency-Key", "X-Forwarded-For", "Accept-Language", "X-Request-Id", "Forwarded",
                    "Idempotency-Key").get(random.nextInt(6));
            headers.put(header, draw(headerValues));
            labels.add("header " + header);
        }
        byte[] body = null;
        boolean chunked = false;
        if (op.writes() && (op.requestBody() != null || random.nextInt(4) == 0)) {
            headers.put("Content-Type", "application/json");
            body = body(op, labels, headers).getBytes(StandardCharsets.UTF_8);
            chunked = random.nextInt(8) == 0;
            if (chunked) {
                labels.add("chunked");
            }
        }
        if (labels.isEmpty()) {
            labels.add("plausible");
        }
        return new FuzzCase(op, path + query, headers, body, chunked, String.join(", ", labels));
    }

    /**
     * A URL value cut to 500 characters and 700 bytes as sent: a request line over the HTTP layer's limit (4 KiB) is
     * refused (414 or a closed connection) before any application code runs, which is Vert.x's behaviour, not the
     * service's.
     */
    private static String withinRequestLine(String value) {
        String v = value.length() > 500 ? value.substring(0, 500) : value;
        // Measured as sent: 500 CJK characters are 4,500 bytes once percent-encoded, over the limit on their own, and
        // the server's 414 then races the body still being written (the client sees a reset, not the answer).
        while (UrlText.component(v).length() > 700) {
            int cut = v.length() / 2;
            if (cut > 0 && Character.isHighSurrogate(v.charAt(cut - 1))) {
                cut--;
            }
            v = v.substring(0, cut);
        }
        return v;
    }

    /** A body: the example (or one made from the schema) with one field made hostile, or a hostile whole. */
    private String body(ApiOperation op, List<String> labels, Map<String, String> headers) {
        JsonNode base = baseBody(op);
        int dice = random.nextInt(20);
        if (dice == 0) {
            labels.add("body garbage");
            return draw(hostile);
        }
        if (dice == 1) {
            labels.add("body truncated");
            String text = base.toString();
            return text.substring(0, random.nextInt(Math.max(1, text.length())));
        }
        if (dice == 2) {
            labels.add("body nested 5000 deep");
            return "[".repeat(5000) + "]".repeat(5000);
        }
        if (dice == 3) {
            labels.add("body of another type");
            return JsonText.write(draw(wrongTypes));
        }
        if (dice == 4) {
            String type = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "application/json; charset=UTF-16", "").get(random.nextInt(6));
            labels.add("content type '" + type + "'");
            headers.put("Content-Type", type);
            return base.toString();
        }
        if (dice == 5) {
            labels.add("empty body");
            return "";
        }
        if (!base.isObject()) {
            labels.add("body hostile string");
            return JsonText.write(draw(hostile));
        }
        List<Map.Entry<String, Object>> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> i = base.fields(); i.hasNext();) {
            Map.Entry<String, JsonNode> field = i.next();
            fields.add(new SimpleEntry<>(field.getKey(), JsonText.raw(field.getValue().toString())));
        }
        int mutations = 1 + random.nextInt(2);
        for (int m = 0; m < mutations; m++) {
            int which = fields.isEmpty() ? -1 : random.nextInt(fields.size());
            int kind = random.nextInt(10);
            if (which < 0 || kind == 0) {
                String name = random.nextBoolean() ? draw(parameterNames) : draw(hostile);
                fields.add(new SimpleEntry<>(name, draw(hostile)));
                labels.add("unknown field");
            } else if (kind <= 4) {
                fields.get(which).setValue(draw(hostile));
                labels.add("field " + fields.get(which).getKey() + " hostile");
            } else if (kind <= 6) {
                fields.get(which).setValue(draw(wrongTypes));
                labels.add("field " + fields.get(which).getKey() + " wrong type");
            } else if (kind == 7) {
                labels.add("field " + fields.remove(which).getKey() + " removed");
            } else if (kind == 8) {
                Map.Entry<String, Object> field = fields.get(which);
                fields.add(new SimpleEntry<>(field.getKey(), draw(hostile)));
                labels.add("field " + field.getKey() + " duplicated");
            } else {
                fields.get(which).setValue(JsonText.raw("{\"a\":".repeat(2000) + "1" + "}".repeat(2000)));
                labels.add("field " + fields.get(which).getKey() + " nested 2000 deep");
            }
        }
        return JsonText.write(new JsonText.Fields(fields));
    }

    private JsonNode baseBody(ApiOperation op) {
        JsonNode example = op.example();
        if (example != null && example.isTextual()) {
            try {
                example = JSON.readTree(example.asText());
            } catch (java.io.IOException e) {
                example = null;
            }
        }
        if (example != null && !example.isMissingNode()) {
            return example;
        }
        return JSON.valueToTree(fromSchema(op.requestBody(), 0));
    }

    /** A plausible value for a schema (its example, default, first enum value, or a value of its type). */
    private Object fromSchema(JsonNode schema, int depth) {
        JsonNode s = document.resolve(schema);
        if (s == null || s.isMissingNode() || depth > 4) {
            return null;
        }
        if (s.has("example")) {
            return s.get("example");
        }
        if (s.has("enum")) {
            return s.get("enum").get(0);
        }
        if (s.has("allOf")) {
            return fromSchema(s.get("allOf").get(0), depth + 1);
        }
        String type = s.path("type").isArray() ? s.path("type").get(0).asText() : s.path("type").asText();
        String format = s.path("format").asText();
        switch (type) {
            case "object": {
                Map<String, Object> object = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> i = s.path("properties").fields(); i.hasNext();) {
                    Map.Entry<String, JsonNode> p = i.next();
                    object.put(p.getKey(), fromSchema(p.getValue(), depth + 1));
                }
                return object;
            }
            case "array":
                return List.of(fromSchemaOrEmpty(s.path("items"), depth));
            case "integer":
                return 1;
            case "number":
                return 1.5;
            case "boolean":
                return true;
            default:
                return switch (format) {
                    case "uuid" -> UUID.randomUUID().toString();
                    case "date-time" -> "2026-11-23T08:00:00Z";
                    case "date" -> "2026-11-23";
                    default -> "370300";
                };
        }
    }

    private Object fromSchemaOrEmpty(JsonNode schema, int depth) {
        Object value = fromSchema(schema, depth + 1);
        return value == null ? "" : value;
    }

    private String plausible(JsonNode schema, String name) {
        Object value = fromSchema(schema, 0);
        if (value instanceof JsonNode node) {
            return node.asText();
        }
        return value == null ? "1" : String.valueOf(value);
    }
}
