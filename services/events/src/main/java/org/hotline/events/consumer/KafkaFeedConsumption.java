package org.hotline.events.consumer;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hotline.contracts.events.v1.EventEnvelope;
import org.hotline.events.config.EventsConfig;
import org.hotline.events.kafka.KafkaSettings;

/**
 * Runs one {@link FeedHandler} on the kafka transport: a member of the consumer group named after the consumer, so
 * the feed's partitions are spread over the service's replicas and applied in parallel. Each poll is applied in one
 * transaction that also records the event ids and the next offset of every partition it touched; on assignment the
 * replica seeks to the offsets stored in its database, not the broker's. A partition that moves while its old owner
 * is still applying is therefore applied once: both start from the same stored offset, and the event ids' primary
 * key makes the slower of the two transactions fail and roll back.
 */
final class KafkaFeedConsumption implements Runnable {

    private static final String READ_OFFSETS = "SELECT partition, next_offset FROM event_partition "
            + "WHERE consumer = ? AND topic = ?";
    private static final String STORE_OFFSET = "INSERT INTO event_partition (consumer, topic, partition, next_offset, "
            + "updated_at) VALUES (?1, ?2, ?3, ?4, now()) ON CONFLICT (consumer, topic, partition) DO UPDATE SET "
            + "next_offset = EXCLUDED.next_offset, updated_at = now() "
            + "WHERE event_partition.next_offset < EXCLUDED.next_offset";

    /** Metrics of one assigned partition, removed when the partition leaves this replica. */
    private record PartitionMeters(AtomicLong lag, AtomicLong offset, List<Meter> meters) {
    }

    private final FeedHandler handler;
    private final DataSource dataSource;
    private final EventsConfig.Consumer config;
    private final EventsConfig.Kafka kafka;
    private final MeterRegistry registry;
    private final AppliedEventMeters meters;
    private final String consumer;
    private final String feed;
    private final String topic;
    private final Map<TopicPartition, PartitionMeters> partitions = new ConcurrentHashMap<>();
    private final AtomicLong position = new AtomicLong();
    private final AtomicLong assigned = new AtomicLong();
    private final AtomicLong stalled = new AtomicLong();
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> client;
    private volatile Thread thread;

    KafkaFeedConsumption(FeedHandler handler, DataSource dataSource, EventsConfig config, MeterRegistry registry) {
        this.handler = handler;
        this.dataSource = dataSource;
        this.config = config.consumer();
        this.kafka = config.kafka();
        this.registry = registry;
        this.consumer = handler.consumer();
        this.feed = handler.feed();
        this.meters = new AppliedEventMeters(registry, consumer, feed);
        this.topic = KafkaSettings.topic(kafka, feed);
        Gauge.builder("hotline_feed_position", position, AtomicLong::get)
                .description("Highest feed position this replica applied (Kafka: over the partitions it owns)")
                .tags("consumer", consumer, "feed", feed, "tenant", "*").register(registry);
        Gauge.builder("hotline_feed_lease_held", assigned, a -> a.get() > 0 ? 1 : 0)
                .description("1 on a replica that applies this consumer's events (Kafka: owns a partition)")
                .tags("consumer", consumer, "feed", feed, "tenant", "*").register(registry);
        Gauge.builder("hotline_feed_partitions_assigned", assigned, AtomicLong::get)
                .description("Partitions of the feed's topic this replica owns in the consumer group")
                .tags("consumer", consumer, "feed", feed, "tenant", "*").register(registry);
        Gauge.builder("hotline_feed_stalled", stalled, AtomicLong::get)
                .description("1 when the consumer cannot go on (behind retention): it needs a rebuild")
                .tags("consumer", consumer, "feed", feed, "tenant", "*").register(registry);
    }

    void start() {
        thread = new Thread(this, "feed-consumer-" + consumer);
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = client;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public void run() {
        Instant lastForget = Instant.EPOCH;
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(properties())) {
                client = c;
                c.subscribe(List.of(topic), new Rebalance(c));
                Log.infof("Consumer '%s' joins group '%s' on Kafka topic '%s'", consumer, consumer, topic);
                while (running) {
                    if (lastForget.isBefore(Instant.now().minusSeconds(3600))) {
                        forgetOldAppliedIds();
                        lastForget = Instant.now();
                    }
                    ConsumerRecords<String, byte[]> records;
                    try {
                        records = c.poll(kafka.pollTimeout());
                    } catch (OffsetOutOfRangeException e) {
                        stall(c, e.partitions());
                        continue;
                    }
                    if (!records.isEmpty()) {
                        apply(c, records);
                    }
                    refreshLag(c);
                }
            } catch (WakeupException e) {
                // stop() woke the poll: the loop ends.
            } catch (Exception e) {
                if (running) {
                    Log.warnf("Consumer '%s' of Kafka topic '%s' failed, rejoining: %s", consumer, topic, e.getMessage());
                    sleepQuietly(config.reconnectDelay().toMillis());
                }
            } finally {
                client = null;
                forgetAll();
            }
        }
    }

    private Map<String, Object> properties() {
        Map<String, Object> p = KafkaSettings.common(kafka, consumer + "-" + host());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, consumer);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // The database holds the offsets; the broker's copy is written for tooling only, after each transaction.
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Every partition is positioned explicitly on assignment; anything unexpected must fail, not skip.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.batchSize());
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        // A replica killed with SIGKILL leaves the group after this long; its partitions then move.
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        p.putAll(kafka.client());
        return p;
    }

    /** Positions newly assigned partitions at the offsets stored in the database, and tracks their metrics. */
    private final class Rebalance implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, byte[]> c;

        Rebalance(KafkaConsumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> added) {
            if (added.isEmpty()) {
                return;
            }
            Map<Integer, Long> stored;
            try {
                stored = storedOffsets();
            } catch (SQLException e) {
                // Without the stored offsets nothing may be applied: leave the group and join again.
                throw new IllegalStateException("Cannot read the stored offsets of '" + consumer + "': " + e.getMessage(), e);
            }
            List<TopicPartition> fromStart = new ArrayList<>();
            for (TopicPartition tp : added) {
                Long next = stored.get(tp.partition());
                if (next != null) {
                    c.seek(tp, next);
                } else {
                    fromStart.add(tp);
                }
                track(tp, next == null ? 0 : next);
            }
            if (!fromStart.isEmpty()) {
                c.seekToBeginning(fromStart);
                for (Map.Entry<TopicPartition, Long> first : c.beginningOffsets(fromStart).entrySet()) {
                    if (first.getValue() > 0) {
                        Log.warnf("Consumer '%s' starts partition %s at offset %d: earlier events are past the "
                                + "topic's retention", consumer, first.getKey(), first.getValue());
                    }
                }
            }
            assigned.set(partitions.size());
            Log.infof("Consumer '%s' now owns %d partition(s) of '%s' (+%s)", consumer, assigned.get(), topic,
                    added.stream().map(TopicPartition::partition).toList());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            revoked.forEach(KafkaFeedConsumption.this::untrack);
            assigned.set(partitions.size());
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            onPartitionsRevoked(lost);
        }
    }

    /** Forgets applied ids older than the retention; every replica may do it, the DELETE is idempotent. */
    private void forgetOldAppliedIds() {
        try (Connection connection = dataSource.getConnection(); PreparedStatement forget = connection.prepareStatement(
                "DELETE FROM event_applied WHERE consumer = ? AND applied_at < ?")) {
            forget.setString(1, consumer);
            forget.setTimestamp(2, Timestamp.from(Instant.now().minus(config.appliedRetention())));
            forget.executeUpdate();
        } catch (SQLException e) {
            Log.warnf("Consumer '%s': forgetting old applied ids failed: %s", consumer, e.getMessage());
        }
    }

    private Map<Integer, Long> storedOffsets() throws SQLException {
        Map<Integer, Long> offsets = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement read = connection.prepareStatement(READ_OFFSETS)) {
            read.setString(1, consumer);
            read.setString(2, topic);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    offsets.put(rs.getInt(1), rs.getLong(2));
                }
            }
        }
        return offsets;
    }

    /** Applies one poll in one transaction: new events, their ids and every touched partition's next offset. */
    private void apply(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        List<FeedEvent> batch = new ArrayList<>(records.count());
        Map<TopicPartition, Long> next = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            next.putIfAbsent(tp, r.offset());
            try {
                batch.add(new FeedEvent(feed, EventEnvelope.parseFrom(r.value())));
            } catch (InvalidProtocolBufferException e) {
                // Not an envelope: a foreign writer on the topic. Never skip silently: read the batch's partitions
                // again from their stored offsets and stop the one with the unreadable record.
                Log.errorf("Consumer '%s': record %s@%d is not an event envelope", consumer, tp, r.offset());
                rewind(c, next.keySet());
                stall(c, List.of(tp));
                return;
            }
            next.put(tp, r.offset() + 1);
        }
        List<FeedEvent> applied;
        try {
            applied = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                    .chain(session -> FeedBatches.applyNew(session, consumer, handler, batch)
                            .call(() -> storeOffsets(session, next)))));
        } catch (Throwable e) {
            FeedEvent first = batch.get(0);
            Log.warnf("Consumer '%s': applying %d events of '%s' (first id %s) failed, reading them again: %s",
                    consumer, batch.size(), topic, first.id(), e.getMessage());
            rewind(c, next.keySet());
            sleepQuietly(config.reconnectDelay().toMillis());
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        next.forEach((tp, offset) -> {
            PartitionMeters meters = partitions.get(tp);
            if (meters != null) {
                meters.offset().set(offset);
            }
            commit.put(tp, new OffsetAndMetadata(offset));
        });
        batch.forEach(e -> position.accumulateAndGet(e.position(), Math::max));
        stalled.set(0);
        // A copy for kafka-consumer-groups.sh and broker-side lag tools; the database stays authoritative.
        c.commitAsync(commit, null);
        meters.count(applied, batch.size() - applied.size());
    }

    private Uni<Void> storeOffsets(Mutiny.Session session, Map<TopicPartition, Long> next) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
            chain = chain.chain(() -> session.createNativeQuery(STORE_OFFSET).setParameter(1, consumer)
                    .setParameter(2, topic).setParameter(3, e.getKey().partition()).setParameter(4, e.getValue())
                    .executeUpdate().replaceWithVoid());
        }
        return chain;
    }

    /** After a failed batch: position its partitions back at the stored offsets, so nothing is skipped. */
    private void rewind(KafkaConsumer<String, byte[]> c, Collection<TopicPartition> touched) {
        try {
            Map<Integer, Long> stored = storedOffsets();
            List<TopicPartition> fromStart = new ArrayList<>();
            for (TopicPartition tp : touched) {
                if (!c.assignment().contains(tp)) {
                    continue;
                }
                Long offset = stored.get(tp.partition());
                if (offset != null) {
                    c.seek(tp, offset);
                } else {
                    fromStart.add(tp);
                }
            }
            if (!fromStart.isEmpty()) {
                c.seekToBeginning(fromStart);
            }
        } catch (SQLException e) {
            // Cannot tell where to resume: leave the group (the loop rejoins and seeks on assignment).
            throw new IllegalStateException("Cannot read the stored offsets of '" + consumer + "': " + e.getMessage(), e);
        }
    }

    private void stall(KafkaConsumer<String, byte[]> c, Collection<TopicPartition> tps) {
        stalled.set(1);
        c.pause(tps);
        Log.errorf("Consumer '%s' is stalled on %s of feed '%s': its stored offset is past the topic's retention (or "
                + "the record is unreadable); rebuild the consumer (docs/events.md)", consumer, tps, feed);
    }

    private void refreshLag(KafkaConsumer<String, byte[]> c) {
        for (Map.Entry<TopicPartition, PartitionMeters> e : partitions.entrySet()) {
            try {
                OptionalLong lag = c.currentLag(e.getKey());
                if (lag.isPresent()) {
                    e.getValue().lag().set(lag.getAsLong());
                }
            } catch (IllegalStateException notAssigned) {
                // Revoked between the listener and here: its meters are gone with it.
            }
        }
    }

    private void track(TopicPartition tp, long offset) {
        PartitionMeters old = partitions.remove(tp);
        if (old != null) {
            old.meters().forEach(registry::remove);
        }
        AtomicLong lag = new AtomicLong();
        AtomicLong next = new AtomicLong(offset);
        String partition = String.valueOf(tp.partition());
        List<Meter> meters = List.of(
                Gauge.builder("hotline_feed_lag", lag, AtomicLong::get)
                        .description("Events published that this consumer has not applied yet (Kafka: per partition)")
                        .tags("consumer", consumer, "feed", feed, "partition", partition, "tenant", "*")
                        .register(registry),
                Gauge.builder("hotline_feed_offset", next, AtomicLong::get)
                        .description("Next offset of the partition this consumer will apply (stored in its database)")
                        .tags("consumer", consumer, "feed", feed, "partition", partition, "tenant", "*")
                        .register(registry));
        partitions.put(tp, new PartitionMeters(lag, next, meters));
    }

    private void untrack(TopicPartition tp) {
        PartitionMeters meters = partitions.remove(tp);
        if (meters != null) {
            meters.meters().forEach(registry::remove);
        }
    }

    private void forgetAll() {
        List.copyOf(partitions.keySet()).forEach(this::untrack);
        assigned.set(0);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "replica";
        }
    }

    private void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
