package org.hotline.charttests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.fabric8.kubernetes.schema.validator.ValidationMessage;
import io.fabric8.kubernetes.schema.validator.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Validates rendered documents the way an API server would: built-in kinds against the Kubernetes OpenAPI schema
 * (fabric8 kubernetes-model-validator), custom resources against their CRD's openAPIV3Schema (networknt), and
 * anything else is refused, because the fabric8 validator silently passes kinds it does not know.
 */
final class KubernetesSchemas {

    /** Built-in kinds the chart may render, as apiVersion + "/" + kind. */
    static final Set<String> BUILT_IN = Set.of(
            "v1/ConfigMap", "v1/Secret", "v1/Service", "v1/ServiceAccount",
            "apps/v1/Deployment",
            "autoscaling/v2/HorizontalPodAutoscaler",
            "policy/v1/PodDisruptionBudget",
            "networking.k8s.io/v1/Ingress", "networking.k8s.io/v1/NetworkPolicy");

    /** Custom resources the chart may render; their schemas come from ../shared/k8s-schemas. */
    static final Set<String> CUSTOM = Set.of(
            "keda.sh/v1alpha1/ScaledObject",
            "monitoring.coreos.com/v1/ServiceMonitor",
            "postgresql.cnpg.io/v1/Cluster");

    /**
     * The fabric8 schema types IntOrString fields as plain strings, so `maxUnavailable: 1` or `targetPort: 8081`
     * are reported although the API server accepts them. Such a message is dropped only when the value is an
     * integer and the field is one of Kubernetes' IntOrString fields; an integer anywhere else stays an error.
     */
    private static final Pattern INT_OR_STRING_FALSE_POSITIVE = Pattern.compile(
            "\\[Path '[^']*/(maxUnavailable|maxSurge|minAvailable|targetPort|port)'] Instance type \\(integer\\) "
                    + "does not match any allowed primitive type \\(allowed: \\[\"string\"]\\).*", Pattern.DOTALL);

    private static final ObjectMapper YAML = new YAMLMapper();
    private static KubernetesSchemas instance;

    private final Validator builtIn = Validator.newInstance();
    private final Map<String, JsonSchema> crdSchemas;

    private KubernetesSchemas(Map<String, JsonSchema> crdSchemas) {
        this.crdSchemas = crdSchemas;
    }

    /** Loading the OpenAPI document takes seconds: one instance serves every test. */
    static synchronized KubernetesSchemas get() {
        if (instance == null) {
            instance = new KubernetesSchemas(loadCrdSchemas(RepositoryLayout.crdSchemas()));
        }
        return instance;
    }

    /** Problems of one document, each prefixed with Kind/name; empty when it would be accepted. */
    List<String> problems(JsonNode doc) {
        String type = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
        String id = RenderedRelease.id(doc);
        List<String> out = new ArrayList<>();
        if (BUILT_IN.contains(type)) {
            for (ValidationMessage m : builtIn.validate(doc).getMessages()) {
                if (m.getLevel() == ValidationMessage.Level.ERROR && !isIntOrStringFalsePositive(m.getMessage())) {
                    out.add(id + ": " + m.getMessage());
                }
            }
        } else if (CUSTOM.contains(type)) {
            JsonSchema schema = crdSchemas.get(type);
            if (schema == null) {
                out.add(id + ": no CRD schema for " + type + " in " + RepositoryLayout.crdSchemas());
            } else {
                schema.validate(doc).forEach(m -> out.add(id + ": " + m.getMessage()));
            }
        } else {
            out.add(id + ": " + type + " is not in the allow-list of kinds and apiVersions");
        }
        if (doc.path("metadata").path("name").asText().isEmpty()) {
            out.add(id + ": metadata.name is missing");
        }
        return out;
    }

    private static boolean isIntOrStringFalsePositive(String message) {
        return INT_OR_STRING_FALSE_POSITIVE.matcher(message).matches();
    }

    /** Keys "group/version/Kind" to the version's openAPIV3Schema, made strict about unknown fields. */
    static Map<String, JsonSchema> loadCrdSchemas(Path dir) {
        Map<String, JsonSchema> out = new HashMap<>();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (var parser = new YAMLFactory().createParser(file.toFile())) {
                    var it = YAML.readValues(parser, JsonNode.class);
                    while (it.hasNext()) {
                        JsonNode crd = it.next();
                        if (!"CustomResourceDefinition".equals(crd.path("kind").asText())) {
                            continue;
                        }
                        String group = crd.path("spec").path("group").asText();
                        String kind = crd.path("spec").path("names").path("kind").asText();
                        for (JsonNode version : crd.path("spec").path("versions")) {
                            JsonNode schema = version.path("schema").path("openAPIV3Schema");
                            if (schema.isObject()) {
                                ObjectNode strict = schema.deepCopy();
                                forbidUnknownFields(strict);
                                out.put(group + "/" + version.path("name").asText() + "/" + kind, factory.getSchema(strict));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the CRD schemas in " + dir, e);
        }
        return out;
    }

    /**
     * The API server prunes or (with strict field validation) rejects fields a CRD does not declare; JSON Schema
     * allows them. Closing every object that lists its properties makes a misspelled field an error here too.
     */
    static void forbidUnknownFields(ObjectNode schema) {
        if (schema.has("properties") && !schema.has("additionalProperties")
                && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            schema.put("additionalProperties", false);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode child = e.getValue();
            if (child.isObject()) {
                if ("properties".equals(e.getKey())) {
                    child.fields().forEachRemaining(p -> {
                        if (p.getValue().isObject()) {
                            forbidUnknownFields((ObjectNode) p.getValue());
                        }
                    });
                } else {
                    forbidUnknownFields((ObjectNode) child);
                }
            } else if (child.isArray()) {
                child.forEach(c -> {
                    if (c.isObject()) {
                        forbidUnknownFields((ObjectNode) c);
                    }
                });
            }
        }
    }
}
