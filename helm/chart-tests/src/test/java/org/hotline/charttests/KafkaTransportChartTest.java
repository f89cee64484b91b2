package org.hotline.charttests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The event feeds' kafka transport in the chart (issue 17): `events.transport: kafka` gives every service the Kafka
 * settings, SASL from an existing Secret and the brokers' CA mounted from one; the optional Strimzi cluster and
 * topics validate offline against Strimzi 1.2.0's CRD schemas (../shared/k8s-schemas).
 */
class KafkaTransportChartTest {


    @Test
    void defaultValuesRenderNoKafkaSettingAndNoStrimziResource() {
        RenderedRelease release = render("""
                jwt: {existingSecret: hotline-jwt}
                """);
        for (ObjectNode deployment : release.ofKind("Deployment")) {
            assertFalse(env(deployment).keySet().stream().anyMatch(k -> k.startsWith("HOTLINE_EVENTS_")),
                    RenderedRelease.id(deployment) + " stays on the gRPC transport");
        }
        assertTrue(release.ofKind("Kafka").isEmpty() && release.ofKind("KafkaTopic").isEmpty());
    }

    @Test
    void kafkaTransportGivesEveryServiceTheBrokersSaslFromASecretAndTheMountedCa() {
        RenderedRelease release = render("""
                events: {transport: kafka}
                kafka:
                  bootstrapServers: kafka-kafka-bootstrap.kafka:9093,kafka-1.kafka:9093
                  securityProtocol: SASL_SSL
                  saslMechanism: SCRAM-SHA-512
                  saslSecret: hotline-kafka-user
                  caSecret: kafka-cluster-ca-cert
                  key: tenant
                """);
        // Every service but the console, which neither publishes nor consumes a feed.
        List<ObjectNode> deployments = release.ofKind("Deployment").stream()
                .filter(d -> !RenderedRelease.name(d).endsWith("-console")).toList();
        assertEquals(5, deployments.size());
        assertFalse(env(release.find("Deployment", "hotline-console").orElseThrow()).containsKey("HOTLINE_EVENTS_TRANSPORT"));
        for (ObjectNode deployment : deployments) {
            String id = RenderedRelease.id(deployment);
            Map<String, JsonNode> env = env(deployment);
            assertEquals("kafka", env.get("HOTLINE_EVENTS_TRANSPORT").path("value").asText(), id);
            assertEquals("kafka-kafka-bootstrap.kafka:9093,kafka-1.kafka:9093",
                    env.get("HOTLINE_EVENTS_KAFKA_BOOTSTRAP_SERVERS").path("value").asText(), id);
            assertEquals("SASL_SSL", env.get("HOTLINE_EVENTS_KAFKA_SECURITY_PROTOCOL").path("value").asText(), id);
            assertEquals("SCRAM-SHA-512", env.get("HOTLINE_EVENTS_KAFKA_SASL_MECHANISM").path("value").asText(), id);
            assertEquals("tenant", env.get("HOTLINE_EVENTS_KAFKA_KEY").path("value").asText(), id);
            JsonNode jaas = env.get("HOTLINE_EVENTS_KAFKA_SASL_JAAS_CONFIG").path("valueFrom").path("secretKeyRef");
            assertEquals("hotline-kafka-user", jaas.path("name").asText(), id + ": the secret never in the ConfigMap");
            assertEquals("sasl.jaas.config", jaas.path("key").asText(), id);
            assertEquals("/etc/hotline/kafka/ca.crt",
                    env.get("HOTLINE_EVENTS_KAFKA_SSL_TRUSTSTORE_LOCATION").path("value").asText(), id);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            assertTrue(pod.path("containers").get(0).path("volumeMounts").toString()
                    .contains("\"mountPath\":\"/etc/hotline/kafka\""), id);
            assertTrue(pod.path("volumes").toString().contains("\"secretName\":\"kafka-cluster-ca-cert\""), id);
        }
        for (ObjectNode cm : release.ofKind("ConfigMap")) {
            assertFalse(cm.toString().contains("jaas"), "no SASL secret in " + RenderedRelease.id(cm));
        }
        assertValid(release);
    }

    @Test
    void strimziClusterAndOneTopicPerFeedValidateAgainstTheStrimziCrdsAndTheServicesUseThem() {
        RenderedRelease release = render("""
                events: {transport: kafka}
                kafka:
                  securityProtocol: SSL
                  partitions: 24
                  strimzi: {enabled: true, replicas: 3, storageClass: fast-ssd, retentionMs: 259200000}
                """);
        assertEquals(1, release.ofKind("Kafka").size());
        assertEquals(1, release.ofKind("KafkaNodePool").size());
        List<ObjectNode> topics = release.ofKind("KafkaTopic");
        assertEquals(List.of("hotline.intake", "hotline.routing", "hotline.evaluation"),
                topics.stream().map(t -> t.path("spec").path("topicName").asText()).toList());
        for (ObjectNode topic : topics) {
            assertEquals(24, topic.path("spec").path("partitions").asInt());
            assertEquals("hotline-kafka", topic.path("metadata").path("labels").path("strimzi.io/cluster").asText());
            assertEquals(259200000L, topic.path("spec").path("config").path("retention.ms").asLong());
        }
        for (ObjectNode deployment : release.ofKind("Deployment").stream()
                .filter(d -> !RenderedRelease.name(d).endsWith("-console")).toList()) {
            Map<String, JsonNode> env = env(deployment);
            assertEquals("hotline-kafka-kafka-bootstrap:9093",
                    env.get("HOTLINE_EVENTS_KAFKA_BOOTSTRAP_SERVERS").path("value").asText());
            assertEquals("false", env.get("HOTLINE_EVENTS_KAFKA_CREATE_TOPICS").path("value").asText(),
                    "the KafkaTopics own the topics");
            assertTrue(deployment.toString().contains("\"secretName\":\"hotline-kafka-cluster-ca-cert\""),
                    "the cluster CA Strimzi writes");
        }
        assertValid(release);
    }

    @Test
    void aStrimziDocumentWithAMisspelledFieldFailsItsCrdSchema() {
        RenderedRelease release = render("""
                events: {transport: kafka}
                kafka: {strimzi: {enabled: true}}
                """);
        ObjectNode topic = release.ofKind("KafkaTopic").get(0).deepCopy();
        ((ObjectNode) topic.path("spec")).put("partitons", 3);
        assertFalse(strimziProblems(topic).isEmpty(), "the validation can fail");
    }

    @Test
    void kafkaTransportWithoutBrokersOrSaslWithoutItsSecretIsRefused() {
        var noBrokers = assertThrows(IllegalStateException.class, () -> render("""
                events: {transport: kafka}
                """));
        assertTrue(noBrokers.getMessage().contains("kafka.bootstrapServers"), noBrokers.getMessage());
        var noSecret = assertThrows(IllegalStateException.class, () -> render("""
                events: {transport: kafka}
                kafka: {bootstrapServers: "kafka:9093", securityProtocol: SASL_SSL, saslMechanism: SCRAM-SHA-512}
                """));
        assertTrue(noSecret.getMessage().contains("saslSecret"), noSecret.getMessage());
        var wrongTransport = assertThrows(IllegalStateException.class, () -> render("""
                events: {transport: rabbitmq}
                """));
        assertTrue(wrongTransport.getMessage().contains("transport"), wrongTransport.getMessage());
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private static RenderedRelease render(String values) {
        try {
            Path file = Files.createTempFile("hotline-kafka-values-", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, values);
            return RenderedRelease.parse("kafka", ChartRenderer.template("hotline", "hotline",
                    List.of(RepositoryLayout.chart().resolve("values-national.yaml"), file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, JsonNode> env(ObjectNode deployment) {
        Map<String, JsonNode> env = new HashMap<>();
        deployment.path("spec").path("template").path("spec").path("containers").get(0).path("env")
                .forEach(e -> env.put(e.path("name").asText(), e));
        return env;
    }

    /** Every document valid: built-in kinds against Kubernetes' schema, Strimzi kinds against their CRDs. */
    private static void assertValid(RenderedRelease release) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode doc : release.documents()) {
            if (doc.path("apiVersion").asText().startsWith("kafka.strimzi.io/")) {
                problems.addAll(strimziProblems(doc));
            } else {
                problems.addAll(KubernetesSchemas.get().problems(doc));
            }
        }
        assertEquals(List.of(), problems);
    }

    private static Map<String, JsonSchema> strimziSchemas;

    private static synchronized List<String> strimziProblems(JsonNode doc) {
        if (strimziSchemas == null) {
            strimziSchemas = KubernetesSchemas.loadCrdSchemas(RepositoryLayout.crdSchemas());
        }
        String type = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
        JsonSchema schema = strimziSchemas.get(type);
        if (schema == null) {
            return List.of(RenderedRelease.id(doc) + ": no CRD schema for " + type);
        }
        List<String> out = new ArrayList<>();
        schema.validate(doc).forEach(m -> out.add(RenderedRelease.id(doc) + ": " + m.getMessage()));
        return out;
    }
}
