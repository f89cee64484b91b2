package org.hotline.events.consumer;

import io.grpc.Channel;
import io.smallrye.mutiny.Uni;

/**
 * What a consuming service implements (as an {@code @ApplicationScoped} bean) to follow one producer's feed.
 * The library finds every such bean at start and runs it on the configured transport: with {@code grpc} on the
 * replica that holds the consumer's lease, with {@code kafka} on every replica, each applying its partitions.
 *
 * <p>{@link #apply} runs inside the transaction that also records the event id and the consumer's new position:
 * use Panache (entities, repositories, {@code Panache.getSession()}) without opening another transaction, and
 * return the {@code Uni} of your writes. Events already applied are filtered out before; a failure rolls the whole
 * batch back and it is received again.
 */
public interface FeedHandler {

    /**
     * Name of this consumer, unique within the service and stable across releases (e.g. "appraisal-evaluation"); it
     * keys the stored position, the lease and, on Kafka, the consumer group.
     */
    String consumer();

    /** Name of the producer's feed (e.g. "evaluation"), for metrics and logs; on Kafka also its topic's suffix. */
    String feed();

    /**
     * The channel to the producer, e.g. {@code @GrpcClient("evaluation") Channel}, named after the producer; unused on
     * Kafka.
     */
    Channel channel();

    /** Applies one event in the caller's transaction. */
    Uni<Void> apply(FeedEvent event);

    /**
     * Applies a batch of new events, in feed order, in the caller's transaction. The default applies them one by
     * one; override it to write a whole batch with fewer statements (e.g. one upsert per aggregate row).
     */
    default Uni<Void> applyAll(java.util.List<FeedEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (FeedEvent event : events) {
            chain = chain.chain(() -> apply(event));
        }
        return chain;
    }
}
