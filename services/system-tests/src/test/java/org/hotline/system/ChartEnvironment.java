package org.hotline.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment a pod of one service gets from the Helm chart (issue 19): the chart is rendered with helm-java, as
 * the chart tests render it, with the system tests' values file and the values of one test; the service's Deployment
 * gives the container's env (its ConfigMap through envFrom, then env with the Secrets' keys); the files of the Secret
 * volumes it mounts are written to a directory that stands for the mount, and values naming the mount path are pointed
 * there. Nothing else reaches the process, so a client, port or variable the chart gets wrong fails the system tests.
 */
final class ChartEnvironment {

    static final String RELEASE = "hotline";
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Path WORK = Path.of("target", "it-pods").toAbsolutePath();

    private ChartEnvironment() {
    }

    /** The chart of the repository: helm/hotline beside services/. */
    static Path chart() {
        Path chart = ServiceProcess.servicesDir().resolve("../helm/hotline").normalize();
        if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
            throw new IllegalStateException("Helm chart not found at " + chart);
        }
        return chart;
    }

    /** The system tests' values file: localhost, the _it databases, the test keys' place. */
    static Path testValues() {
        return ServiceProcess.servicesDir().resolve("system-tests/src/test/resources/chart/system-test-values.yaml")
                .normalize();
    }

    /**
     * Renders the chart with the test values and {@code values} over them, and returns what the container of
     * {@code service} would get; {@code pod} names the directory standing for its mounted volumes.
     */
    static Map<String, String> render(String service, String pod, Map<String, Object> values) {
        try {
            Files.createDirectories(WORK);
            Path valuesFile = WORK.resolve(pod + "-values.yaml");
            YAML.writeValue(valuesFile.toFile(), values);
            String rendered = new Helm(chart()).template()
                    .withName(RELEASE)
                    .withNamespace("hotline-it")
                    .withKubeVersion("1.29.0")
                    .withValuesFile(testValues())
                    .withValuesFile(valuesFile)
                    .call();
            return containerEnvironment(parse(rendered), service, WORK.resolve(pod));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The merged values of the chart's values.yaml and the test values (to read, e.g., a service's gRPC clients). */
    static JsonNode chartValues() {
        try {
            ObjectNode values = (ObjectNode) YAML.readTree(chart().resolve("values.yaml").toFile());
            merge(values, YAML.readTree(testValues().toFile()));
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void merge(ObjectNode into, JsonNode from) {
        from.fields().forEachRemaining(e -> {
            if (into.get(e.getKey()) instanceof ObjectNode target && e.getValue().isObject()) {
                merge(target, e.getValue());
            } else {
                into.set(e.getKey(), e.getValue());
            }
        });
    }

    private static List<ObjectNode> parse(String yaml) throws IOException {
        List<ObjectNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                if (it.next() instanceof ObjectNode doc && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    private static Map<String, String> containerEnvironment(List<ObjectNode> docs, String service, Path podDir)
            throws IOException {
        JsonNode deployment = find(docs, "Deployment", RELEASE + "-" + service);
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").path(0);
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            JsonNode configMap = find(docs, "ConfigMap", from.path("configMapRef").path("name").asText());
            configMap.path("data").fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
        }
        for (JsonNode e : container.path("env")) {
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            env.put(e.path("name").asText(), ref.isMissingNode() ? e.path("value").asText()
                    : secretData(find(docs, "Secret", ref.path("name").asText())).get(ref.path("key").asText()));
        }
        // Secret volumes: their keys become files under the directory standing for the mount path.
        for (JsonNode mount : container.path("volumeMounts")) {
            String mountPath = mount.path("mountPath").asText();
            for (JsonNode volume : pod.path("volumes")) {
                String secret = volume.path("secret").path("secretName").asText();
                if (!volume.path("name").asText().equals(mount.path("name").asText()) || secret.isEmpty()) {
                    continue;
                }
                Path dir = podDir.resolve(mountPath.substring(1));
                Files.createDirectories(dir);
                for (var entry : secretData(find(docs, "Secret", secret)).entrySet()) {
                    Files.writeString(dir.resolve(entry.getKey()), entry.getValue());
                }
                env.replaceAll((k, v) -> v != null && v.startsWith(mountPath + "/")
                        ? dir.resolve(v.substring(mountPath.length() + 1)).toString() : v);
            }
        }
        env.forEach((k, v) -> {
            if (v == null) {
                throw new IllegalStateException(service + ": " + k + " names a Secret key the chart does not render");
            }
        });
        return env;
    }

    private static Map<String, String> secretData(JsonNode secret) {
        Map<String, String> data = new LinkedHashMap<>();
        secret.path("stringData").fields().forEachRemaining(f -> data.put(f.getKey(), f.getValue().asText()));
        secret.path("data").fields().forEachRemaining(f -> data.put(f.getKey(),
                new String(Base64.getDecoder().decode(f.getValue().asText()), StandardCharsets.UTF_8)));
        return data;
    }

    private static JsonNode find(List<ObjectNode> docs, String kind, String name) {
        return docs.stream()
                .filter(d -> kind.equals(d.path("kind").asText()) && name.equals(d.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the chart renders no " + kind + "/" + name
                        + " (a Secret a pod needs must be rendered from the test values)"));
    }
}
