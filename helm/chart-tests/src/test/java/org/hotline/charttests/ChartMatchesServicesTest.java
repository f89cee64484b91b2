package org.hotline.charttests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The environment the chart gives each service is the one the service reads (issue 19): every gRPC client the
 * service has (its {@code quarkus.grpc.clients.*} and every {@code @GrpcClient}, feeds included) gets its host and
 * port, the chart sets no client the service lacks, clients follow the naming rule of docs/deploy.md, and every
 * HOTLINE_* variable the chart sets (database, JWT keys and issuer, zone) is one the service reads, while every one
 * the service's configuration needs is set. A name that differs by one character on either side fails here.
 */
class ChartMatchesServicesTest {

    private static final Pattern CLIENT_VARIABLE = Pattern.compile("^QUARKUS_GRPC_CLIENTS_(.+)_(HOST|PORT)$");
    /** Referenced by the services' configuration but deliberately not set by the chart, with the reason. */
    private static final Map<String, String> NOT_FOR_PODS = Map.of(
            "HOTLINE_HTTP_PORT", "the chart sets QUARKUS_HTTP_PORT, which Quarkus reads before application.properties",
            "HOTLINE_IMAGE_GROUP", "read when building images, not at run time",
            "HOTLINE_BASE_IMAGE", "read when building images, not at run time");

    static Stream<Arguments> deployments() {
        List<Arguments> out = new ArrayList<>();
        for (ChartConfiguration configuration : ChartConfiguration.values()) {
            for (ObjectNode deployment : ChartRenderer.rendered(configuration).ofKind("Deployment")) {
                out.add(Arguments.of(configuration, container(deployment).path("name").asText()));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployments")
    void chartGivesEveryGrpcClientOfTheServiceItsHostAndPortAndNoOther(ChartConfiguration configuration,
            String service) {
        ServiceSettings settings = settings(service);
        RenderedRelease release = ChartRenderer.rendered(configuration);
        Map<String, String> env = environment(release, service);
        List<String> problems = new ArrayList<>();
        Set<String> chartClients = new TreeSet<>();
        for (String name : env.keySet()) {
            Matcher m = CLIENT_VARIABLE.matcher(name);
            if (m.matches()) {
                chartClients.add(m.group(1));
            }
        }
        Set<String> serviceClients = new TreeSet<>();
        for (String client : settings.grpcClients) {
            String variable = ServiceSettings.environmentName(client);
            serviceClients.add(variable);
            for (String setting : List.of("HOST", "PORT")) {
                if (!env.containsKey("QUARKUS_GRPC_CLIENTS_" + variable + "_" + setting)) {
                    problems.add(service + " has gRPC client '" + client + "' but the chart does not set QUARKUS_GRPC_CLIENTS_"
                            + variable + "_" + setting + " (add " + client + " to services." + service + ".grpcClients)");
                }
            }
            if (!ChartValues.serviceNames().contains(client)) {
                problems.add(service + "'s gRPC client '" + client + "' is not named after the service it calls"
                        + " (docs/deploy.md: client name = the producing service's name, one of " + ChartValues.serviceNames() + ")");
            }
        }
        for (String client : chartClients) {
            if (!serviceClients.contains(client)) {
                problems.add("the chart sets QUARKUS_GRPC_CLIENTS_" + client + "_HOST/PORT for " + service
                        + ", which has no such client (its clients: " + settings.grpcClients + ")");
            }
        }
        // Each client's host is a Service of this release (or an address outside it) on the port that Service serves.
        for (String client : settings.grpcClients) {
            String host = env.get("QUARKUS_GRPC_CLIENTS_" + ServiceSettings.environmentName(client) + "_HOST");
            String port = env.get("QUARKUS_GRPC_CLIENTS_" + ServiceSettings.environmentName(client) + "_PORT");
            var target = host == null ? null : release.find("Service", host).orElse(null);
            if (target != null && !servesPort(target, port)) {
                problems.add(service + "'s client " + client + " calls " + host + ":" + port + ", a port that Service does not serve");
            }
        }
        assertEquals(List.of(), problems, configuration + ": chart and " + service + " disagree on gRPC clients");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployments")
    void chartSetsEveryVariableTheServiceReadsAndNoneItIgnores(ChartConfiguration configuration, String service) {
        ServiceSettings settings = settings(service);
        RenderedRelease release = ChartRenderer.rendered(configuration);
        Map<String, String> env = environment(release, service);
        List<String> problems = new ArrayList<>();
        for (String name : env.keySet()) {
            if (name.startsWith("HOTLINE_") && !settings.reads(name)) {
                problems.add("the chart sets " + name + " for " + service + ", which does not read it");
            }
        }
        for (String name : settings.referencedVariables) {
            if (name.startsWith("HOTLINE_") && !NOT_FOR_PODS.containsKey(name) && !env.containsKey(name)) {
                problems.add(service + " reads " + name + " but the chart does not set it");
            }
        }
        if (settings.hasZoneSetting()) {
            String tenantZone = values(configuration).path("tenant").path("zone").asText("Asia/Shanghai");
            boolean zoneGiven = env.entrySet().stream().anyMatch(e -> e.getKey().endsWith("_ZONE")
                    && settings.reads(e.getKey()) && tenantZone.equals(e.getValue()));
            if (!zoneGiven) {
                problems.add(service + " has a zone setting but the chart does not give it tenant.zone "
                        + "(add it to hotline.zoneVariables in _helpers.tpl)");
            }
        }
        assertEquals(List.of(), problems, configuration + ": chart and " + service + " disagree on settings");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployments")
    void secretKeysAndMountedFilesTheServiceReadsExist(ChartConfiguration configuration, String service) {
        RenderedRelease release = ChartRenderer.rendered(configuration);
        ObjectNode deployment = deployment(release, service);
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode container = container(deployment);
        List<String> problems = new ArrayList<>();
        for (JsonNode e : container.path("env")) {
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode()) {
                release.find("Secret", ref.path("name").asText()).ifPresent(secret -> {
                    if (!secretKeys(secret).contains(ref.path("key").asText())) {
                        problems.add(e.path("name").asText() + " reads key " + ref.path("key").asText()
                                + " that Secret/" + ref.path("name").asText() + " lacks");
                    }
                });
            }
        }
        Map<String, String> env = environment(release, service);
        for (JsonNode mount : container.path("volumeMounts")) {
            String path = mount.path("mountPath").asText();
            JsonNode volume = volume(pod, mount.path("name").asText());
            String secretName = volume.path("secret").path("secretName").asText();
            if (secretName.isEmpty()) {
                continue;
            }
            env.forEach((name, value) -> {
                if (value.startsWith(path + "/")) {
                    String file = value.substring(path.length() + 1);
                    release.find("Secret", secretName).ifPresent(secret -> {
                        if (!secretKeys(secret).contains(file)) {
                            problems.add(name + " names " + value + " but Secret/" + secretName + " has no key " + file);
                        }
                    });
                }
            });
        }
        assertEquals(List.of(), problems, configuration + ": " + service);
    }

    private static ServiceSettings settings(String service) {
        ServiceSettings settings = ServiceSettings.of(service);
        // A service whose module has not been merged into this repository yet is reported as skipped, not passed.
        assumeTrue(settings != null, "no module services/" + service + " in this repository");
        return settings;
    }

    /** The container's environment as a pod would see it: the ConfigMap of envFrom, then env (secret refs as "secret:name/key"). */
    static Map<String, String> environment(RenderedRelease release, String service) {
        JsonNode container = container(deployment(release, service));
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String name = from.path("configMapRef").path("name").asText();
            ObjectNode configMap = release.find("ConfigMap", name).orElse(null);
            assertNotNull(configMap, "envFrom names ConfigMap/" + name + ", which is not rendered");
            configMap.path("data").fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
        }
        for (JsonNode e : container.path("env")) {
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            env.put(e.path("name").asText(), ref.isMissingNode() ? e.path("value").asText()
                    : "secret:" + ref.path("name").asText() + "/" + ref.path("key").asText());
        }
        assertFalse(env.isEmpty(), service + " gets no environment");
        return env;
    }

    private static ObjectNode deployment(RenderedRelease release, String service) {
        return release.ofKind("Deployment").stream()
                .filter(d -> service.equals(container(d).path("name").asText())).findFirst().orElseThrow();
    }

    private static JsonNode container(JsonNode deployment) {
        return deployment.path("spec").path("template").path("spec").path("containers").path(0);
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode v : pod.path("volumes")) {
            if (name.equals(v.path("name").asText())) {
                return v;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static Set<String> secretKeys(JsonNode secret) {
        Set<String> keys = new TreeSet<>();
        secret.path("stringData").fieldNames().forEachRemaining(keys::add);
        secret.path("data").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static boolean servesPort(JsonNode service, String port) {
        for (JsonNode p : service.path("spec").path("ports")) {
            if (p.path("port").asText().equals(port)) {
                return true;
            }
        }
        return false;
    }

    /** The merged values of a configuration (chart defaults, then its files), for the few checks that need one. */
    private static JsonNode values(ChartConfiguration configuration) {
        return ChartValues.merged(configuration.valuesFiles);
    }
}
