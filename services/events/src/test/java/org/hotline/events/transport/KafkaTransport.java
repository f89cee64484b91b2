package org.hotline.events.transport;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The same feed on Kafka: the outbox relay publishes to an in-process broker, a consumer group applies it. */
public class KafkaTransport implements QuarkusTestProfile {

    /** A topic of its own per run, so that records of an earlier run in the same broker never mix in. */
    static final String TOPIC_PREFIX = "hotline-test-" + Long.toHexString(System.nanoTime()) + ".";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("hotline.events.transport", "kafka",
                "hotline.events.kafka.topic-prefix", TOPIC_PREFIX,
                "hotline.events.kafka.topic-partitions", "4",
                "hotline.events.kafka.poll-timeout", "200ms");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FreshDatabase.class), new TestResourceEntry(KafkaBrokerResource.class));
    }
}
