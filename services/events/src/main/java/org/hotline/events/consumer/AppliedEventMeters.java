package org.hotline.events.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts what one consumer applied and skipped as duplicates, the same way for both transports. */
final class AppliedEventMeters {

    private final MeterRegistry registry;
    private final String consumer;
    private final String feed;
    /** Counters by tenant and type, so a batch does not look meters up in the registry event by event. */
    private final Map<String, Counter> applied = new ConcurrentHashMap<>();
    private final Counter duplicates;

    AppliedEventMeters(MeterRegistry registry, String consumer, String feed) {
        this.registry = registry;
        this.consumer = consumer;
        this.feed = feed;
        this.duplicates = Counter.builder("hotline_feed_events_duplicate_total")
                .description("Events received again and skipped because their id was already applied")
                .tags("consumer", consumer, "feed", feed, "tenant", "*")
                .register(registry);
    }

    /** Records a batch's outcome: the events applied, and how many were skipped because they were known. */
    void count(List<FeedEvent> appliedEvents, int duplicateCount) {
        for (FeedEvent e : appliedEvents) {
            applied.computeIfAbsent(e.tenant() + '\u0000' + e.type(), key -> Counter.builder(
                            "hotline_feed_events_applied_total")
                    .description("Events this consumer applied (duplicates excluded)")
                    .tags("consumer", consumer, "feed", feed, "tenant", e.tenant(), "type", e.type())
                    .register(registry)).increment();
        }
        if (duplicateCount > 0) {
            duplicates.increment(duplicateCount);
        }
    }
}
