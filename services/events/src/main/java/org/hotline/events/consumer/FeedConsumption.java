package org.hotline.events.consumer;

import io.grpc.CallOptions;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.hotline.contracts.events.v1.EventFeedGrpc;
import org.hotline.contracts.events.v1.FeedMessage;
import org.hotline.contracts.events.v1.SubscribeRequest;
import org.hotline.events.config.EventsConfig;

/**
 * Runs one {@link FeedHandler} on its own thread: wait for the lease, subscribe from the stored position, apply
 * events in batches (event ids, handler writes and the new position in one transaction), give the producer credit
 * for what was applied, and start over when the stream or the lease is lost.
 */
final class FeedConsumption implements Runnable {

    /** Marks the end of a stream in the queue (a Status, or OK when the producer completed it). */
    private record StreamEnd(Status status) {
    }

    private final FeedHandler handler;
    private final DataSource dataSource;
    private final EventsConfig.Consumer config;
    private final MeterRegistry registry;
    private final AppliedEventMeters meters;
    private final String consumer;
    private final String feed;
    private final AtomicLong position = new AtomicLong();
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong leaseHeld = new AtomicLong();
    private final AtomicLong stalled = new AtomicLong();
    private volatile boolean running = true;
    private volatile Thread thread;

    FeedConsumption(FeedHandler handler, DataSource dataSource, EventsConfig.Consumer config, MeterRegistry registry) {
        this.handler = handler;
        this.dataSource = dataSource;
        this.config = config;
        this.registry = registry;
        this.consumer = handler.consumer();
        this.feed = handler.feed();
        this.meters = new AppliedEventMeters(registry, consumer, feed);
        // Lag is a position in one producer's feed, which interleaves every tenant: the tag says "all tenants".
        Gauge.builder("hotline_feed_lag", this, c -> Math.max(0, c.head.get() - c.position.get()))
                .description("Events the producer has published that this consumer has not applied yet")
                .tags("consumer", consumer, "feed", feed, "tenant", "*").register(registry);
        Gauge.builder("hotline_feed_position", position, AtomicLong::get)
                .description("Last feed position this consumer applied")
                .tags("consumer", consumer, "feed", feed, "tenant", "*").register(registry);
        Gauge.builder("hotline_feed_lease_held", leaseHeld, AtomicLong::get)
                .description("1 on the replica that holds this consumer's lease and applies its events")
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
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public void run() {
        Instant lastForget = Instant.EPOCH;
        while (running) {
            try (FeedLease lease = FeedLease.tryAcquire(dataSource, consumer)) {
                if (lease == null) {
                    leaseHeld.set(0);
                    sleep(config.leaseRetry().toMillis());
                    continue;
                }
                leaseHeld.set(1);
                Log.infof("Consumer '%s' holds the lease of feed '%s'", consumer, feed);
                if (lastForget.isBefore(Instant.now().minusSeconds(3600))) {
                    lease.forgetAppliedBefore(consumer, Instant.now().minus(config.appliedRetention()));
                    lastForget = Instant.now();
                }
                // Keep the lease across reconnections (producer restarts): only its loss hands the work over.
                while (running && lease.isHeld()) {
                    position.set(lease.position(consumer, feed));
                    if (head.get() < position.get()) {
                        head.set(position.get());
                    }
                    Status end = follow(lease);
                    if (end.getCode() == Status.Code.FAILED_PRECONDITION) {
                        stalled.set(1);
                        Log.errorf("Consumer '%s' is stalled on feed '%s': %s", consumer, feed, end.getDescription());
                        sleep(60_000);
                    } else if (running) {
                        Log.infof("Consumer '%s': feed '%s' stream ended (%s), subscribing again", consumer, feed,
                                end.getCode());
                        sleep(config.reconnectDelay().toMillis());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (Exception e) {
                Log.warnf("Consumer '%s' of feed '%s' failed, retrying: %s", consumer, feed, e.getMessage());
                sleepQuietly(config.reconnectDelay().toMillis());
            } finally {
                leaseHeld.set(0);
            }
        }
    }

    /** Follows the feed while the lease holds; returns how the stream ended. */
    private Status follow(FeedLease lease) throws InterruptedException {
        BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        ClientCallStreamObserver<SubscribeRequest>[] call = new ClientCallStreamObserver[1];
        ClientResponseObserver<SubscribeRequest, FeedMessage> observer = new ClientResponseObserver<>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<SubscribeRequest> requestStream) {
                call[0] = requestStream;
                requestStream.disableAutoRequestWithInitial(config.prefetch());
            }

            @Override
            public void onNext(FeedMessage message) {
                inbox.add(message);
            }

            @Override
            public void onError(Throwable t) {
                inbox.add(new StreamEnd(Status.fromThrowable(t)));
            }

            @Override
            public void onCompleted() {
                inbox.add(new StreamEnd(Status.OK));
            }
        };
        SubscribeRequest request = SubscribeRequest.newBuilder()
                .setFromPosition(position.get()).setConsumer(consumer).build();
        ClientCalls.asyncServerStreamingCall(
                handler.channel().newCall(EventFeedGrpc.getSubscribeMethod(), CallOptions.DEFAULT), request, observer);
        long silenceLimit = TimeUnit.SECONDS.toMillis(30);
        long lastMessage = System.currentTimeMillis();
        long lastLeaseCheck = System.currentTimeMillis();
        try {
            while (running) {
                List<FeedEvent> batch = new ArrayList<>();
                int received = 0;
                StreamEnd end = null;
                Object first = inbox.poll(config.leaseCheck().toMillis(), TimeUnit.MILLISECONDS);
                Object next = first;
                while (next != null) {
                    if (next instanceof StreamEnd e) {
                        end = e;
                        break;
                    }
                    FeedMessage message = (FeedMessage) next;
                    received++;
                    if (message.hasEvent()) {
                        batch.add(new FeedEvent(feed, message.getEvent()));
                        head.accumulateAndGet(message.getEvent().getPosition(), Math::max);
                    } else if (message.hasHead()) {
                        head.accumulateAndGet(message.getHead().getHeadPosition(), Math::max);
                    }
                    next = batch.size() < config.batchSize() ? inbox.poll() : null;
                }
                long now = System.currentTimeMillis();
                if (received > 0) {
                    lastMessage = now;
                }
                if (now - lastLeaseCheck >= config.leaseCheck().toMillis() || !batch.isEmpty()) {
                    if (!lease.isHeld()) {
                        Log.warnf("Consumer '%s' lost its lease of feed '%s'", consumer, feed);
                        return Status.ABORTED.withDescription("lease lost");
                    }
                    lastLeaseCheck = now;
                }
                if (!batch.isEmpty()) {
                    apply(batch);
                }
                if (received > 0) {
                    call[0].request(received);
                }
                if (end != null) {
                    return end.status();
                }
                if (now - lastMessage > silenceLimit) {
                    // The producer sends its head every few seconds even when idle: silence means a dead link.
                    return Status.DEADLINE_EXCEEDED.withDescription("no message for " + silenceLimit + " ms");
                }
            }
            return Status.CANCELLED;
        } finally {
            call[0].cancel("consumer stops following", null);
        }
    }

    /** Applies a batch in one transaction: skip known ids, run the handler, store the new position. */
    private void apply(List<FeedEvent> batch) {
        long last = batch.get(batch.size() - 1).position();
        List<FeedEvent> applied;
        try {
            applied = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> applyInTransaction(batch,
                    last)));
        } catch (Throwable e) {
            FeedEvent firstEvent = batch.get(0);
            throw new IllegalStateException("Applying events " + firstEvent.position() + ".." + last + " (first id "
                    + firstEvent.id() + ") failed: " + e.getMessage(), e);
        }
        position.set(last);
        stalled.set(0);
        meters.count(applied, batch.size() - applied.size());
    }

    private Uni<List<FeedEvent>> applyInTransaction(List<FeedEvent> batch, long last) {
        return Panache.getSession().chain(session -> FeedBatches.applyNew(session, consumer, handler, batch)
                .call(fresh -> session.createNativeQuery("UPDATE event_consumer SET position = ?1, "
                                + "updated_at = now() WHERE consumer = ?2 AND position < ?1")
                        .setParameter(1, last).setParameter(2, consumer).executeUpdate()));
    }

    private void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
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
