package org.hotline.charttests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The chart renders in every configuration, and every document is one a cluster would accept and run safely. */
class ChartRenderingTest {

    private static final List<String> SERVICES = List.of("intake", "routing", "knowledge", "evaluation", "appraisal",
            "console");

    @Test
    void chartPassesStrictLint() {
        var result = ChartRenderer.lintStrict();
        assertFalse(result.isFailed(), () -> "helm lint --strict failed: " + result.getMessages());
    }

    @ParameterizedTest
    @EnumSource(ChartConfiguration.class)
    void everyRenderedDocumentValidatesAgainstItsSchema(ChartConfiguration configuration) {
        RenderedRelease release = ChartRenderer.rendered(configuration);
        assertFalse(release.documents().isEmpty(), "nothing rendered");
        List<String> problems = new ArrayList<>();
        release.documents().forEach(d -> problems.addAll(KubernetesSchemas.get().problems(d)));
        assertEquals(List.of(), problems, configuration + " renders documents a cluster would refuse");
        System.out.printf("%s: %d documents validated %s%n", configuration, release.documents().size(),
                release.countByKind());
    }

    @ParameterizedTest
    @EnumSource(ChartConfiguration.class)
    void everyDeploymentHasProbesResourcesAndLockedDownSecurityContext(ChartConfiguration configuration) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode deployment : ChartRenderer.rendered(configuration).ofKind("Deployment")) {
            String id = RenderedRelease.id(deployment);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            if (!pod.path("securityContext").path("runAsNonRoot").asBoolean()) {
                problems.add(id + ": pod may run as root");
            }
            for (JsonNode c : pod.path("containers")) {
                String where = id + " container " + c.path("name").asText();
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    String path = c.path(probe).path("httpGet").path("path").asText();
                    if (!path.startsWith("/q/health/")) {
                        problems.add(where + ": " + probe + " missing or not on /q/health/*");
                    }
                }
                for (String bound : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        if (c.path("resources").path(bound).path(resource).asText().isEmpty()) {
                            problems.add(where + ": no " + resource + " " + bound);
                        }
                    }
                }
                JsonNode sc = c.path("securityContext");
                if (!sc.path("readOnlyRootFilesystem").asBoolean()) {
                    problems.add(where + ": root filesystem writable");
                }
                if (!sc.path("allowPrivilegeEscalation").isBoolean() || sc.path("allowPrivilegeEscalation").asBoolean()) {
                    problems.add(where + ": privilege escalation allowed");
                }
                if (!sc.path("runAsNonRoot").asBoolean()) {
                    problems.add(where + ": may run as root");
                }
                if (!sc.path("capabilities").path("drop").toString().contains("\"ALL\"")) {
                    problems.add(where + ": capabilities not dropped");
                }
                boolean tmpMounted = false;
                for (JsonNode m : c.path("volumeMounts")) {
                    tmpMounted |= "/tmp".equals(m.path("mountPath").asText());
                }
                if (!tmpMounted) {
                    problems.add(where + ": no writable /tmp for Quarkus and Vert.x");
                }
            }
            if (pod.path("topologySpreadConstraints").size() < 2) {
                problems.add(id + ": not spread across nodes and zones");
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @EnumSource(ChartConfiguration.class)
    void everyAutoscalerTargetsARenderedDeployment(ChartConfiguration configuration) {
        RenderedRelease release = ChartRenderer.rendered(configuration);
        List<String> problems = new ArrayList<>();
        List<ObjectNode> scalers = new ArrayList<>(release.ofKind("HorizontalPodAutoscaler"));
        scalers.addAll(release.ofKind("ScaledObject"));
        List<String> scaled = new ArrayList<>();
        for (ObjectNode scaler : scalers) {
            JsonNode target = scaler.path("spec").path("scaleTargetRef");
            String name = target.path("name").asText();
            scaled.add(name);
            if (!"Deployment".equals(target.path("kind").asText()) || release.find("Deployment", name).isEmpty()) {
                problems.add(RenderedRelease.id(scaler) + " targets a Deployment that is not rendered: " + name);
            }
        }
        // Two autoscalers on one Deployment fight over its replica count.
        scaled.stream().distinct().filter(n -> scaled.indexOf(n) != scaled.lastIndexOf(n))
                .forEach(n -> problems.add("Deployment/" + n + " has more than one autoscaler"));
        for (ObjectNode hpa : release.ofKind("HorizontalPodAutoscaler")) {
            JsonNode up = hpa.path("spec").path("behavior").path("scaleUp");
            JsonNode down = hpa.path("spec").path("behavior").path("scaleDown");
            if (up.path("stabilizationWindowSeconds").asInt(-1) != 0
                    || down.path("stabilizationWindowSeconds").asInt() < 60) {
                problems.add(RenderedRelease.id(hpa) + " is not tuned for spikes (fast up, slow down)");
            }
        }
        for (ObjectNode deployment : release.ofKind("Deployment")) {
            boolean autoscaled = scaled.contains(RenderedRelease.name(deployment));
            if (autoscaled == deployment.path("spec").has("replicas")) {
                problems.add(RenderedRelease.id(deployment) + (autoscaled
                        ? " sets replicas although an autoscaler owns them"
                        : " has neither an autoscaler nor replicas"));
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @EnumSource(ChartConfiguration.class)
    void servicesBudgetsAndPoliciesSelectRenderedPods(ChartConfiguration configuration) {
        RenderedRelease release = ChartRenderer.rendered(configuration);
        List<Map<String, String>> pods = release.ofKind("Deployment").stream().map(RenderedRelease::podLabels).toList();
        List<String> problems = new ArrayList<>();
        for (ObjectNode service : release.ofKind("Service")) {
            var selector = RenderedRelease.labels(service.path("spec").path("selector"));
            if (pods.stream().noneMatch(p -> RenderedRelease.selects(selector, p))) {
                problems.add(RenderedRelease.id(service) + " selects no pods: " + selector);
            }
        }
        for (String kind : List.of("PodDisruptionBudget", "NetworkPolicy")) {
            for (ObjectNode doc : release.ofKind(kind)) {
                JsonNode sel = "NetworkPolicy".equals(kind) ? doc.path("spec").path("podSelector")
                        : doc.path("spec").path("selector");
                var selector = RenderedRelease.labels(sel.path("matchLabels"));
                if (pods.stream().noneMatch(p -> RenderedRelease.selects(selector, p))) {
                    problems.add(RenderedRelease.id(doc) + " selects no pods: " + selector);
                }
            }
        }
        // Every Deployment's own selector matches its pod template (the API server refuses it otherwise).
        for (ObjectNode deployment : release.ofKind("Deployment")) {
            var selector = RenderedRelease.labels(deployment.path("spec").path("selector").path("matchLabels"));
            if (!RenderedRelease.selects(selector, RenderedRelease.podLabels(deployment))) {
                problems.add(RenderedRelease.id(deployment) + " selector does not match its pods");
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @EnumSource(value = ChartConfiguration.class, names = {"DEFAULT", "NATIONAL", "PROVINCE_37"})
    void rendersTheCoreObjectsOfEveryService(ChartConfiguration configuration) {
        RenderedRelease release = ChartRenderer.rendered(configuration);
        for (String svc : SERVICES) {
            String name = configuration.release + "-" + svc;
            for (String kind : List.of("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget",
                    "ServiceAccount", "ConfigMap")) {
                assertTrue(release.find(kind, name).isPresent(), configuration + " lacks " + kind + "/" + name);
            }
        }
    }

    @Test
    void everyOptionalFeatureRendersWhenTurnedOn() {
        RenderedRelease release = ChartRenderer.rendered(ChartConfiguration.ALL_FEATURES);
        Map<String, Long> counts = release.countByKind();
        assertEquals(1L, counts.get("ScaledObject"));
        assertEquals(1L, counts.get("ServiceMonitor"));
        assertEquals(1L, counts.get("Cluster"));
        // The authenticated APIs and the rate-limited public endpoints.
        assertEquals(2L, counts.get("Ingress"));
        assertEquals(6L, counts.get("NetworkPolicy"));
        // CloudNativePG makes the database Secret; the chart makes the JWT one, as no existing Secret is named.
        assertEquals(1L, counts.get("Secret"));
        assertTrue(release.find("Secret", "hotline-jwt").isPresent());
        assertTrue(ChartRenderer.rendered(ChartConfiguration.REDUCED).find("Secret", "contact-centre-db").isPresent(),
                "the chart creates the database Secret when none is named");
        // KEDA owns intake's HPA, so the chart renders the other five.
        assertEquals(5L, counts.get("HorizontalPodAutoscaler"));
    }

    @Test
    void servicesFindTheirGrpcPeersAndDatabaseFromTheConfigMap() {
        RenderedRelease release = ChartRenderer.rendered(ChartConfiguration.PROVINCE_37);
        JsonNode appraisal = release.find("ConfigMap", "hotline-37-appraisal").orElseThrow().path("data");
        // Appraisal reads evaluation's feed through the client named evaluation (issue 19: it used to look on localhost).
        assertEquals("hotline-37-evaluation", appraisal.path("QUARKUS_GRPC_CLIENTS_EVALUATION_HOST").asText());
        assertEquals("9000", appraisal.path("QUARKUS_GRPC_CLIENTS_EVALUATION_PORT").asText());
        JsonNode intake = release.find("ConfigMap", "hotline-37-intake").orElseThrow().path("data");
        for (String peer : List.of("ROUTING", "KNOWLEDGE")) {
            String host = intake.path("QUARKUS_GRPC_CLIENTS_" + peer + "_HOST").asText();
            assertTrue(release.find("Service", host).isPresent(), "intake's " + peer + " client points at " + host);
            assertEquals("9000", intake.path("QUARKUS_GRPC_CLIENTS_" + peer + "_PORT").asText());
        }
        assertEquals("hotline-37-postgres-rw", appraisal.path("HOTLINE_DB_HOST").asText());
        assertEquals("Asia/Shanghai", release.find("ConfigMap", "hotline-37-routing").orElseThrow()
                .path("data").path("HOTLINE_ROUTING_ZONE").asText());
        JsonNode routing = release.find("ConfigMap", "hotline-37-routing").orElseThrow().path("data");
        assertFalse(routing.has("QUARKUS_GRPC_CLIENTS_INTAKE_HOST"), "routing calls nobody");

        JsonNode reduced = ChartRenderer.rendered(ChartConfiguration.REDUCED)
                .find("ConfigMap", "contact-centre-intake").orElseThrow().path("data");
        assertEquals("postgresql://pg.hb.example.gov.cn:5433/hubei_intake?sslmode=verify-full",
                reduced.path("QUARKUS_DATASOURCE_REACTIVE_URL").asText());
    }

    @Test
    void publicEndpointsAreRateLimitedPerClientAcrossControllerReplicasAndIntakeTrustsOnlyTheController() {
        RenderedRelease release = ChartRenderer.rendered(ChartConfiguration.NATIONAL);
        JsonNode publicIngress = release.find("Ingress", "hotline-intake-public").orElseThrow();
        JsonNode annotations = publicIngress.path("metadata").path("annotations");
        // The global rate limit counts in the controller's shared memcached, so 3 controller pods do not triple it.
        assertEquals("30", annotations.path("nginx.ingress.kubernetes.io/global-rate-limit").asText());
        assertEquals("1m", annotations.path("nginx.ingress.kubernetes.io/global-rate-limit-window").asText());
        assertEquals("$remote_addr", annotations.path("nginx.ingress.kubernetes.io/global-rate-limit-key").asText());
        assertEquals("256k", annotations.path("nginx.ingress.kubernetes.io/proxy-body-size").asText());
        List<String> publicPaths = new ArrayList<>();
        publicIngress.path("spec").path("rules").path(0).path("http").path("paths")
                .forEach(p -> publicPaths.add(p.path("path").asText()));
        assertEquals(List.of("/api/v1/public", "/open311"), publicPaths);
        JsonNode staffIngress = release.find("Ingress", "hotline-intake").orElseThrow();
        assertFalse(staffIngress.path("metadata").path("annotations").has("nginx.ingress.kubernetes.io/global-rate-limit"),
                "staff APIs are authenticated and not limited per address");
        JsonNode intake = release.find("ConfigMap", "hotline-intake").orElseThrow().path("data");
        assertEquals("true", intake.path("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING").asText());
        assertEquals("10.96.0.0/16", intake.path("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES").asText());
        JsonNode routing = release.find("ConfigMap", "hotline-routing").orElseThrow().path("data");
        assertFalse(routing.has("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"), "only intake is behind the Ingress");
        // Without an Ingress nothing in front of intake may set X-Forwarded-For.
        JsonNode defaultIntake = ChartRenderer.rendered(ChartConfiguration.DEFAULT)
                .find("ConfigMap", "hotline-intake").orElseThrow().path("data");
        assertFalse(defaultIntake.has("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"));
    }
}
