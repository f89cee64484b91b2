package org.hotline.events.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hotline.contracts.events.v1.EventEnvelope;
import org.hotline.events.config.EventsConfig;
import org.hotline.events.feed.Envelopes;
import org.hotline.events.schema.EventsSchema;

/**
 * Publishes the producer's sequenced outbox rows to its feed topic, with the kafka transport. One round, in one
 * database transaction that holds the relay row (so one producer replica relays at a time): read the rows after
 * {@code published_through}, send them in position order with an idempotent producer, wait for every broker
 * acknowledgement, then move {@code published_through}. A crash between the acknowledgements and the commit
 * publishes those rows again after the restart: duplicates on the wire, never a loss; consumers drop them by id.
 */
@ApplicationScoped
public class KafkaOutboxRelay {

    private static final String LOCK = "SELECT published_through FROM outbox_relay WHERE id = 1 FOR UPDATE SKIP LOCKED";
    private static final String PAGE = "SELECT id, type, tenant, aggregate_id, occurred_at, payload_type, "
            + "payload_version, payload, position FROM outbox_event WHERE position > ? ORDER BY position LIMIT ?";
    private static final String MARK = "UPDATE outbox_relay SET published_through = ?, updated_at = now() WHERE id = 1";

    private final DataSource dataSource;
    private final EventsConfig config;
    private final EventsSchema schema;
    private final MeterRegistry registry;
    private final AtomicLong published = new AtomicLong();
    private ScheduledExecutorService executor;
    private KafkaProducer<String, byte[]> producer;
    private String topic;

    public KafkaOutboxRelay(DataSource dataSource, EventsConfig config, EventsSchema schema, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.config = config;
        this.schema = schema;
        this.registry = registry;
    }

    /** Whether this service relays its outbox to Kafka. */
    public boolean active() {
        return config.producer().enabled() && config.transport() == EventsConfig.Transport.KAFKA;
    }

    /** The highest feed position this replica has seen acknowledged by the brokers. */
    public long publishedThrough() {
        return published.get();
    }

    void start(@Observes StartupEvent start) {
        if (!active()) {
            return;
        }
        EventsConfig.Kafka kafka = config.kafka();
        String feed = config.producer().feedName();
        topic = KafkaSettings.topic(kafka, feed);
        Gauge.builder("hotline_feed_published_position", published, AtomicLong::get)
                .description("Highest feed position the relay has published to Kafka")
                .tag("feed", feed).tag("tenant", "*").register(registry);
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "outbox-relay"));
        executor.execute(() -> {
            try {
                schema.awaitReady();
                if (kafka.createTopics()) {
                    createTopic(kafka);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long every = kafka.relayInterval().toMillis();
        executor.scheduleWithFixedDelay(this::relayQuietly, every, every, TimeUnit.MILLISECONDS);
        Log.infof("Feed '%s': relaying the outbox to Kafka topic '%s' (%s) every %d ms", feed, topic,
                kafka.bootstrapServers(), every);
    }

    void stop(@Observes ShutdownEvent stop) {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeProducer(Duration.ofSeconds(2));
    }

    private void createTopic(EventsConfig.Kafka kafka) {
        Map<String, Object> props = KafkaSettings.common(kafka, "hotline-relay-admin-" + config.producer().feedName());
        try (Admin admin = Admin.create(props)) {
            Optional<Short> replication = kafka.topicReplicationFactor().isPresent()
                    ? Optional.of((short) kafka.topicReplicationFactor().getAsInt()) : Optional.empty();
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(kafka.topicPartitions()), replication)))
                    .all().get(30, TimeUnit.SECONDS);
            Log.infof("Created Kafka topic '%s' with %d partitions", topic, kafka.topicPartitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                Log.warnf("Could not create Kafka topic '%s' (%s); relying on the broker or Strimzi", topic,
                        e.getCause().getMessage());
            }
        } catch (Exception e) {
            Log.warnf("Could not create Kafka topic '%s' (%s); relying on the broker or Strimzi", topic, e.getMessage());
        }
    }

    private void relayQuietly() {
        try {
            while (relay() == config.kafka().relayBatch()) {
                // A full page: more rows are probably waiting, publish them without waiting for the next tick.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Log.warnf("Relaying the outbox to Kafka failed, will retry: %s", e.getMessage());
            // A producer that failed may be in a state it cannot leave (e.g. a fatal sequence error): start afresh.
            closeProducer(Duration.ZERO);
        }
    }

    /** Publishes one page of sequenced rows and marks them; returns how many. Public for tests and tools. */
    public int relay() throws SQLException, InterruptedException, ExecutionException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long from;
                try (PreparedStatement lock = c.prepareStatement(LOCK); ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()) {
                        c.rollback();
                        return 0; // another replica is relaying right now
                    }
                    from = rs.getLong(1);
                }
                published.accumulateAndGet(from, Math::max);
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                long last = from;
                try (PreparedStatement page = c.prepareStatement(PAGE)) {
                    page.setLong(1, from);
                    page.setInt(2, config.kafka().relayBatch());
                    try (ResultSet rs = page.executeQuery()) {
                        while (rs.next()) {
                            EventEnvelope envelope = Envelopes.of(rs.getObject("id", UUID.class), rs.getString("type"),
                                    rs.getString("tenant"), rs.getString("aggregate_id"),
                                    rs.getTimestamp("occurred_at").toInstant(), rs.getString("payload_type"),
                                    rs.getInt("payload_version"), rs.getBytes("payload"), rs.getLong("position"));
                            sent.add(producer().send(record(envelope)));
                            last = envelope.getPosition();
                        }
                    }
                }
                if (sent.isEmpty()) {
                    c.rollback();
                    return 0;
                }
                producer().flush();
                for (Future<RecordMetadata> ack : sent) {
                    ack.get(); // throws if any record was not acknowledged: nothing is marked, all is sent again
                }
                try (PreparedStatement mark = c.prepareStatement(MARK)) {
                    mark.setLong(1, last);
                    mark.executeUpdate();
                }
                c.commit();
                published.set(last);
                return sent.size();
            } catch (SQLException | RuntimeException | InterruptedException | ExecutionException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private ProducerRecord<String, byte[]> record(EventEnvelope envelope) {
        String key = config.kafka().key() == EventsConfig.KafkaKey.TENANT ? envelope.getTenant()
                : envelope.getAggregateId();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, envelope.toByteArray());
        record.headers().add("type", envelope.getType().getBytes(StandardCharsets.UTF_8));
        record.headers().add("tenant", envelope.getTenant().getBytes(StandardCharsets.UTF_8));
        record.headers().add("event-id", envelope.getId().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> props = KafkaSettings.common(config.kafka(),
                    "hotline-relay-" + config.producer().feedName());
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            // Idempotence keeps the order of each partition with up to 5 requests in flight.
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            props.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            props.putAll(config.kafka().client());
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    private void closeProducer(Duration timeout) {
        if (producer != null) {
            try {
                producer.close(timeout);
            } catch (RuntimeException e) {
                Log.debugf("Closing the Kafka producer: %s", e.getMessage());
            }
            producer = null;
        }
    }
}
