package org.hotline.charttests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The Kubernetes documents of one rendered release (or of the plain manifests), with look-ups the checks need. */
record RenderedRelease(String configuration, List<ObjectNode> documents) {

    private static final ObjectMapper YAML = new YAMLMapper();

    /** Parses a multi-document YAML stream, skipping empty documents (Helm emits them for disabled templates). */
    static RenderedRelease parse(String configuration, String yaml) {
        List<ObjectNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node instanceof ObjectNode object && !object.isEmpty()) {
                    docs.add(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Rendered YAML of " + configuration + " does not parse", e);
        }
        return new RenderedRelease(configuration, List.copyOf(docs));
    }

    List<ObjectNode> ofKind(String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(d -> name.equals(name(d))).findFirst();
    }

    /** Number of documents of each kind, e.g. {Deployment=5, Service=5}. */
    Map<String, Long> countByKind() {
        return documents.stream().collect(Collectors.groupingBy(d -> d.path("kind").asText(),
                java.util.TreeMap::new, Collectors.counting()));
    }

    static String name(JsonNode doc) {
        return doc.path("metadata").path("name").asText();
    }

    static String id(JsonNode doc) {
        return doc.path("kind").asText() + "/" + name(doc);
    }

    /** Labels of a Deployment's pod template. */
    static Map<String, String> podLabels(JsonNode deployment) {
        return labels(deployment.path("spec").path("template").path("metadata").path("labels"));
    }

    static Map<String, String> labels(JsonNode node) {
        Map<String, String> out = new java.util.TreeMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** True when every label of the selector is on the pods. */
    static boolean selects(Map<String, String> selector, Map<String, String> podLabels) {
        return !selector.isEmpty() && podLabels.entrySet().containsAll(selector.entrySet());
    }
}
