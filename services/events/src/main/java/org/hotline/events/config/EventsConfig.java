package org.hotline.events.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the event feeds library, under {@code hotline.events}. */
@ConfigMapping(prefix = "hotline.events")
public interface EventsConfig {

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
}
