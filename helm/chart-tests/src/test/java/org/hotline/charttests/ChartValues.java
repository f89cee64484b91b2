package org.hotline.charttests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The chart's values as Helm merges them: values.yaml, then each values file over it (maps merged, the rest replaced). */
final class ChartValues {

    private static final YAMLMapper YAML = new YAMLMapper();

    private ChartValues() {
    }

    static JsonNode merged(List<Path> files) {
        ObjectNode values = read(RepositoryLayout.chart().resolve("values.yaml"));
        for (Path file : files) {
            merge(values, read(file));
        }
        return values;
    }

    /** Names of every service the chart knows (the keys of services in values.yaml). */
    static List<String> serviceNames() {
        List<String> names = new ArrayList<>();
        merged(List.of()).path("services").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void merge(ObjectNode into, JsonNode from) {
        from.fields().forEachRemaining(e -> {
            JsonNode existing = into.get(e.getKey());
            if (existing instanceof ObjectNode target && e.getValue().isObject()) {
                merge(target, e.getValue());
            } else {
                into.set(e.getKey(), e.getValue());
            }
        });
    }

    private static ObjectNode read(Path file) {
        try {
            JsonNode node = YAML.readTree(file.toFile());
            return node instanceof ObjectNode object ? object : YAML.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
