package org.hotline.events.feed;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import org.hotline.contracts.events.v1.EventEnvelope;
import org.hotline.contracts.events.v1.FeedHead;
import org.hotline.contracts.events.v1.FeedMessage;
import org.hotline.contracts.events.v1.SubscribeRequest;
import org.hotline.events.config.EventsConfig;

/** One open Subscribe call: reads a page when the consumer can take it, sends it, and follows the head when idle. */
final class FeedStream {

    private static final String PAGE = "SELECT id, type, tenant, aggregate_id, occurred_at, payload_type, "
            + "payload_version, payload, position FROM outbox_event WHERE position > $1 ORDER BY position LIMIT $2";
    private static final String STATE = "SELECT head, pruned_through FROM outbox_feed_state WHERE id = 1";

    private final Pool pool;
    private final io.vertx.mutiny.core.Vertx vertx;
    private final Context context;
    private final EventsConfig.Producer config;
    private final String consumer;
    private final ServerCallStreamObserver<FeedMessage> observer;
    private final Deque<FeedMessage> pending = new ArrayDeque<>();
    private long position;
    private long head = -1;
    private long headSentAt;
    private boolean reading;
    private boolean waiting;
    private boolean closed;

    FeedStream(Pool pool, io.vertx.mutiny.core.Vertx vertx, Context context, EventsConfig.Producer config,
            SubscribeRequest request, ServerCallStreamObserver<FeedMessage> observer) {
        this.pool = pool;
        this.vertx = vertx;
        this.context = context;
        this.config = config;
        this.consumer = request.getConsumer().isBlank() ? "unnamed" : request.getConsumer();
        this.position = request.getFromPosition();
        this.observer = observer;
    }

    void start() {
        observer.setOnCancelHandler(() -> onContext(() -> closed = true));
        observer.setOnReadyHandler(() -> onContext(this::drain));
        Log.infof("Feed '%s': consumer '%s' subscribed from position %d", config.feedName(), consumer, position);
        pool.preparedQuery(STATE).execute().subscribe().with(rows -> onContext(() -> {
            Row state = rows.iterator().next();
            long prunedThrough = state.getLong("pruned_through");
            if (position < prunedThrough) {
                fail(Status.FAILED_PRECONDITION.withDescription("Position " + position + " is past retention: events "
                        + "up to " + prunedThrough + " were deleted; rebuild the consumer from a snapshot"));
                return;
            }
            enqueueHead(state.getLong("head"));
            drain();
        }), failure -> onContext(() -> fail(Status.UNAVAILABLE.withDescription("Feed unavailable: "
                + failure.getMessage()))));
    }

    /** Runs on the call's Vert.x context so that the observer is only ever used from one thread. */
    private void onContext(Runnable action) {
        context.runOnContext(v -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                fail(Status.INTERNAL.withDescription("Feed failed").withCause(e));
            }
        });
    }

    private void drain() {
        if (closed) {
            return;
        }
        while (!pending.isEmpty() && observer.isReady()) {
            observer.onNext(pending.poll());
        }
        if (pending.isEmpty() && observer.isReady() && !reading && !waiting) {
            readPage();
        }
    }

    private void readPage() {
        reading = true;
        pool.preparedQuery(PAGE).execute(Tuple.of(position, config.pageSize())).subscribe().with(
                rows -> onContext(() -> onPage(rows)),
                failure -> onContext(() -> {
                    reading = false;
                    Log.warnf("Feed '%s': reading for '%s' failed, retrying: %s", config.feedName(), consumer,
                            failure.getMessage());
                    waitThenDrain(config.idlePoll().toMillis() * 5);
                }));
    }

    private void onPage(RowSet<Row> rows) {
        reading = false;
        if (closed) {
            return;
        }
        for (Row row : rows) {
            pending.add(FeedMessage.newBuilder().setEvent(envelope(row)).build());
            position = row.getLong("position");
        }
        if (rows.size() < config.pageSize()) {
            // Caught up: tell the consumer where the head is (now and then), and look again shortly.
            long now = System.currentTimeMillis();
            if (position != head || now - headSentAt >= config.headEvery().toMillis()) {
                enqueueHead(position);
            }
            drain();
            if (rows.size() == 0) {
                waitThenDrain(config.idlePoll().toMillis());
            }
        } else {
            enqueueHead(Math.max(head, position));
            drain();
        }
    }

    private void enqueueHead(long value) {
        head = Math.max(head, value);
        headSentAt = System.currentTimeMillis();
        pending.add(FeedMessage.newBuilder().setHead(FeedHead.newBuilder().setHeadPosition(head)
                .setAt(DateTimeFormatter.ISO_INSTANT.format(Instant.now()))).build());
    }

    private void waitThenDrain(long millis) {
        waiting = true;
        vertx.getDelegate().setTimer(Math.max(1, millis), id -> onContext(() -> {
            waiting = false;
            drain();
        }));
    }

    private void fail(Status status) {
        if (!closed) {
            closed = true;
            observer.onError(status.asRuntimeException());
        }
    }

    private static EventEnvelope envelope(Row row) {
        return Envelopes.of(row.getUUID("id"), row.getString("type"), row.getString("tenant"),
                row.getString("aggregate_id"), row.getOffsetDateTime("occurred_at").toInstant(),
                row.getString("payload_type"), row.getInteger("payload_version"), row.getBuffer("payload").getBytes(),
                row.getLong("position"));
    }
}
