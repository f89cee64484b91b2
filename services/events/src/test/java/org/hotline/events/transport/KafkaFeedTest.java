package org.hotline.events.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.hotline.contracts.events.v1.EventEnvelope;
import org.hotline.events.feed.Envelopes;
import org.hotline.events.outbox.NewEvent;
import org.junit.jupiter.api.Test;

/** The feed contract on the Kafka transport, against a real in-process broker, and what only Kafka has. */
@QuarkusTest
@TestProfile(KafkaTransport.class)
class KafkaFeedTest extends FeedTransportContract {

    static final String TOPIC = KafkaTransport.TOPIC_PREFIX + Ledger.FEED;

    @Override
    String transport() {
        return "kafka";
    }

    /** Caught up: everything sequenced is published, and every partition's stored offset is at the log's end. */
    @Override
    void awaitCaughtUp() throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", KafkaBrokerResource.broker().bootstrapServers()))) {
            while (true) {
                long head = count("SELECT head FROM outbox_feed_state");
                long unsequenced = count("SELECT count(*) FROM outbox_event WHERE position IS NULL");
                long published = count("SELECT published_through FROM outbox_relay");
                Map<Integer, Long> ends = endOffsets(admin);
                Map<Integer, Long> stored = storedOffsets();
                boolean applied = ends.entrySet().stream()
                        .allMatch(e -> e.getValue().equals(stored.getOrDefault(e.getKey(), 0L)));
                List<Double> lags = values(metrics(), "hotline_feed_lag");
                if (unsequenced == 0 && published == head && applied && lags.size() == ends.size()
                        && lags.stream().allMatch(v -> v == 0.0)) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("published " + published + " of " + head + "; log ends " + ends
                            + ", stored offsets " + stored + ", lag gauges " + lags);
                }
                pause(50);
            }
        }
    }

    @Test
    void recordsAreKeyedByAggregateWithTypeAndTenantHeadersAndTheEnvelopeBytesUnchanged() throws Exception {
        String aggregate = "format-" + UUID.randomUUID();
        NewEvent event = LedgerWriter.credited("42", aggregate, 7);
        write(List.of(event));
        await("the event applied", () -> count("SELECT count(*) FROM ledger_entry WHERE aggregate_id = '" + aggregate
                + "'"), 1);
        EventEnvelope expected;
        try (Connection c = dataSource.getConnection(); PreparedStatement read = c.prepareStatement(
                "SELECT id, type, tenant, aggregate_id, occurred_at, payload_type, payload_version, payload, position "
                        + "FROM outbox_event WHERE id = ?")) {
            read.setObject(1, event.id());
            try (ResultSet rs = read.executeQuery()) {
                assertTrue(rs.next());
                expected = Envelopes.of(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getInt(7), rs.getBytes(8), rs.getLong(9));
            }
        }
        ConsumerRecord<String, byte[]> record = readRecordOf(aggregate);
        assertEquals(aggregate, record.key());
        assertEquals(LedgerWriter.TYPE, header(record, "type"));
        assertEquals("42", header(record, "tenant"));
        assertEquals(event.id().toString(), header(record, "event-id"));
        assertEquals(expected, EventEnvelope.parseFrom(record.value()));
        assertTrue(java.util.Arrays.equals(expected.toByteArray(), record.value()), "the same envelope bytes");
    }

    @Test
    void aRelayThatPublishesAgainAfterLosingItsMarkCausesNoSecondEffect() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            events.add(LedgerWriter.credited("37", run + "-" + (i % 3), i / 3));
        }
        write(events);
        awaitCaughtUp();
        long entries = count("SELECT count(*) FROM ledger_entry");
        long head = count("SELECT head FROM outbox_feed_state");
        double duplicatesBefore = duplicates();
        // As if the relay crashed after the brokers acknowledged the last 300 rows but before it marked them.
        try (Connection c = dataSource.getConnection(); PreparedStatement rewind = c.prepareStatement(
                "UPDATE outbox_relay SET published_through = ?")) {
            rewind.setLong(1, head - 300);
            rewind.executeUpdate();
        }
        Instant deadline = Instant.now().plus(PATIENCE);
        while (duplicates() < duplicatesBefore + 300) {
            assertTrue(Instant.now().isBefore(deadline), "the 300 events were received again");
            pause(50);
        }
        awaitCaughtUp();
        assertEquals(duplicatesBefore + 300, duplicates(), "each re-published event dropped once");
        assertEquals(entries, count("SELECT count(*) FROM ledger_entry"), "no second effect");
        assertEquals(0, outOfOrder(run));
    }

    private static double duplicates() {
        return values(metrics(), "hotline_feed_events_duplicate_total").stream().mapToDouble(Double::doubleValue).sum();
    }

    private Map<Integer, Long> endOffsets(Admin admin) throws Exception {
        var partitions = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions();
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(
                p -> new TopicPartition(TOPIC, p.partition()), p -> OffsetSpec.latest()));
        Map<Integer, Long> ends = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
        return ends;
    }

    private Map<Integer, Long> storedOffsets() throws Exception {
        Map<Integer, Long> stored = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement read = c.prepareStatement(
                "SELECT partition, next_offset FROM event_partition WHERE consumer = ? AND topic = ?")) {
            read.setString(1, Ledger.CONSUMER);
            read.setString(2, TOPIC);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getInt(1), rs.getLong(2));
                }
            }
        }
        return stored;
    }

    private static ConsumerRecord<String, byte[]> readRecordOf(String aggregate) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.broker().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "format-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(TOPIC));
            Instant deadline = Instant.now().plus(PATIENCE);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (aggregate.equals(r.key())) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("No record keyed " + aggregate + " on " + TOPIC);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
