package org.hotline.intake.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.hotline.intake.repository.CallRecordRepository;

/** Publishes {@code hotline_intake_queue_depth{tenant,region}} (waiting calls and callbacks), the KEDA trigger. */
@ApplicationScoped
public class QueueDepthGauges {

    private final CallRecordRepository calls;
    private final MeterRegistry metrics;
    private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();

    public QueueDepthGauges(CallRecordRepository calls, MeterRegistry metrics) {
        this.calls = calls;
        this.metrics = metrics;
    }

    @Scheduled(every = "${hotline.intake.queues.depth-interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return calls.depths().invoke(rows -> {
            Set<String> seen = new HashSet<>();
            for (Object[] row : rows) {
                String tenant = String.valueOf(row[0]);
                String region = String.valueOf(row[1]);
                String key = tenant + "/" + region;
                seen.add(key);
                gauge(tenant, region, key).set(((Number) row[2]).longValue());
            }
            // Queues that emptied report 0 rather than their last depth.
            depths.forEach((key, value) -> {
                if (!seen.contains(key)) {
                    value.set(0);
                }
            });
        }).replaceWithVoid();
    }

    private AtomicLong gauge(String tenant, String region, String key) {
        return depths.computeIfAbsent(key, k -> metrics.gauge("hotline_intake_queue_depth",
                Tags.of("tenant", tenant, "region", region), new AtomicLong()));
    }
}
