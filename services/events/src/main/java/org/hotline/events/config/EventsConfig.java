package org.hotline.events.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Settings of the event feeds library, under {@code hotline.events}. */
@ConfigMapping(prefix = "hotline.events")
public interface EventsConfig {

    /** How feeds travel from producers to consumers. */
    enum Transport {
        /** The producer serves its outbox over a gRPC stream; one consumer replica applies it (the default). */
        GRPC,
        /** A relay publishes the outbox to Kafka; consumer groups apply partitions on several replicas. */
        KAFKA
    }

    /** What a Kafka record of a feed is keyed by: its partition, and so the unit of order. */
    enum KafkaKey {
        /** The event's aggregate id: one aggregate's events stay in order; the widest spread over partitions. */
        AGGREGATE,
        /** The event's tenant: one province's events stay in order; at most ~34 busy partitions. */
        TENANT
    }

    /** The transport of this service's feeds, both the one it publishes and those it consumes: grpc or kafka. */
    @WithDefault("grpc")
    Transport transport();

    /** Kafka settings, used only with {@code transport=kafka}. */
    Kafka kafka();

    /** The producing side: outbox sequencing, the Subscribe feed and retention. */
    Producer producer();

    /** The consuming side: leases, batches and reconnection. */
    Consumer consumer();

    /** Producer settings. */
    interface Producer {

        /** Whether this service publishes a feed (runs the sequencer and retention, serves Subscribe). */
        @WithDefault("false")
        boolean enabled();

        /** Name of this service's feed, used in metrics and logs (e.g. "evaluation"). */
        @WithDefault("${quarkus.application.name}")
        String feedName();

        /** How often committed outbox rows get their feed position; bounds the publish latency. */
        @WithDefault("100ms")
        Duration sequenceInterval();

        /** Most rows given a position by one sequencer transaction. */
        @WithDefault("5000")
        int sequenceBatch();

        /** Events read from the database per page of a Subscribe stream. */
        @WithDefault("500")
        int pageSize();

        /** How often an idle (caught-up) Subscribe stream looks for new events. */
        @WithDefault("200ms")
        Duration idlePoll();

        /** How often an idle stream re-sends the head, so a consumer's lag stays fresh. */
        @WithDefault("5s")
        Duration headEvery();

        /** How long published events are kept; older ones are deleted and a consumer behind them must rebuild. */
        @WithDefault("P30D")
        Duration retention();

        /** How often retention runs. */
        @WithDefault("1h")
        Duration retentionInterval();
    }

    /** Consumer settings. */
    interface Consumer {

        /** Whether the handlers ({@code FeedHandler} beans) of this service consume at all (off for tools and tests). */
        @WithDefault("true")
        boolean enabled();

        /** How often a replica without the lease tries to take it; bounds the handover time. */
        @WithDefault("1s")
        Duration leaseRetry();

        /** How often the lease holder checks its lease connection is still alive. */
        @WithDefault("1s")
        Duration leaseCheck();

        /** Most events applied in one transaction. */
        @WithDefault("250")
        int batchSize();

        /** Events the consumer lets the producer send ahead of what it has applied (gRPC flow control credit). */
        @WithDefault("1000")
        int prefetch();

        /** Wait before re-subscribing after the stream failed (producer down, network). */
        @WithDefault("1s")
        Duration reconnectDelay();

        /** How long applied event ids are remembered for idempotency; longer than the producers' retention. */
        @WithDefault("P45D")
        Duration appliedRetention();
    }

    /** Kafka transport settings ({@code hotline.events.kafka.*}). */
    interface Kafka {

        /** Brokers to bootstrap from, comma separated (e.g. {@code hotline-kafka-bootstrap:9093}). */
        @WithDefault("localhost:9092")
        String bootstrapServers();

        /** Topic of a feed: this prefix followed by the feed name (e.g. {@code hotline.evaluation}). */
        @WithDefault("hotline.")
        String topicPrefix();

        /** What records are keyed (and so partitioned and ordered) by: aggregate or tenant. */
        @WithDefault("aggregate")
        KafkaKey key();

        /** Partitions of a feed topic when the relay creates it (an existing topic is left as it is). */
        @WithDefault("12")
        int topicPartitions();

        /** Replication factor of a topic the relay creates; empty means the broker's default. */
        OptionalInt topicReplicationFactor();

        /** Whether the relay creates its feed's topic when it is missing (off when Strimzi KafkaTopics own them). */
        @WithDefault("true")
        boolean createTopics();

        /** {@code security.protocol}: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL. */
        @WithDefault("PLAINTEXT")
        String securityProtocol();

        /** {@code sasl.mechanism} (e.g. SCRAM-SHA-512), with a SASL security protocol. */
        Optional<String> saslMechanism();

        /** {@code sasl.jaas.config}: a secret, from the environment (Kubernetes Secret) only. */
        Optional<String> saslJaasConfig();

        /** {@code ssl.truststore.location}: PEM or PKCS12 file with the brokers' CA. */
        Optional<String> sslTruststoreLocation();

        /** {@code ssl.truststore.type}, e.g. PEM or PKCS12. */
        Optional<String> sslTruststoreType();

        /** {@code ssl.truststore.password}: a secret, from the environment only. */
        Optional<String> sslTruststorePassword();

        /** Any other Kafka client property, e.g. {@code hotline.events.kafka.client."ssl.endpoint.identification.algorithm"}. */
        Map<String, String> client();

        /** How often the relay looks for outbox rows that are sequenced but not yet published. */
        @WithDefault("50ms")
        Duration relayInterval();

        /** Most outbox rows published (and then marked) per relay round. */
        @WithDefault("2000")
        int relayBatch();

        /** Longest wait of a consumer's poll; also how often an idle consumer refreshes its lag. */
        @WithDefault("500ms")
        Duration pollTimeout();

        /** Whether readiness reports DOWN while no broker answers (producers keep writing to the outbox anyway). */
        @WithDefault("true")
        boolean readinessNeedsBroker();
    }
}
