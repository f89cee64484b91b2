package org.hotline.knowledge.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hotline.knowledge.repository.KnowledgeGapRepository;
import org.hotline.knowledge.repository.KnowledgeGapRepository.Asks;

/**
 * Counts knowledge gaps as they are asked: a gap's first ask writes its row; later asks of a gap this replica knows are
 * counted in memory and added once a second. In a surge about a policy the knowledge base lacks, every caller asks the
 * same unanswered question: one upsert per ask queued them all on that one row and exhausted the connection pool.
 */
@ApplicationScoped
public class GapTally {

    /** A gap: the question as stored, without punctuation, hashed, in a region. */
    private record Gap(String questionHash, String region) {
    }

    private final KnowledgeGapRepository gaps;
    /** Ids of gaps this replica has written, so that their next asks need no query. */
    private final Cache<Gap, UUID> known = Caffeine.newBuilder().maximumSize(50_000)
            .expireAfterAccess(Duration.ofHours(1)).build();
    private final Map<UUID, Asks> counted = new ConcurrentHashMap<>();
    private final Counter lost;

    public GapTally(KnowledgeGapRepository gaps, MeterRegistry metrics) {
        this.gaps = gaps;
        this.lost = metrics.counter("hotline_knowledge_gap_asks_lost_total");
    }

    /** Counts one more ask of {@code asked} in {@code region}; the gap's id. */
    public Uni<UUID> asked(String asked, String region, String tenant, String channel, UUID bestArticle,
            double bestConfidence) {
        // Callers who give their own numbers ask the same question as those who do not.
        String question = CallerNumbers.strip(asked);
        Gap gap = new Gap(KnowledgeGapRepository.questionHash(question), region);
        UUID id = known.getIfPresent(gap);
        if (id == null) {
            // The caller's answer matters more than the editors' tally: a write that fails (the database busy
            // beyond the pool's wait) leaves the answer without a gap id instead of failing it.
            return gaps.record(question, region, tenant, channel, bestArticle, bestConfidence)
                    .invoke(written -> known.put(gap, written))
                    .onFailure().recoverWithItem(e -> {
                        lost.increment();
                        Log.warnf("A knowledge gap was not recorded: %s", e.getMessage());
                        return null;
                    });
        }
        counted.merge(id, new Asks(id, 1, OffsetDateTime.now(ZoneOffset.UTC), bestArticle, bestConfidence),
                GapTally::plus);
        return Uni.createFrom().item(id);
    }

    /** Writes the asks counted since the last time, in one statement. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> write() {
        if (counted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Asks> batch = new ArrayList<>();
        for (UUID id : List.copyOf(counted.keySet())) {
            Asks asks = counted.remove(id);
            if (asks != null) {
                batch.add(asks);
            }
        }
        return gaps.add(batch).onFailure().recoverWithUni(e -> {
            // Counted again and retried with the next second's asks; a replica stopping meanwhile loses them.
            Log.warnf("Could not add %d gaps' asks (retried in a second): %s", batch.size(), e.getMessage());
            batch.forEach(a -> counted.merge(a.id(), a, GapTally::plus));
            return Uni.createFrom().voidItem();
        });
    }

    /** Writes what is counted before the replica stops. */
    @jakarta.annotation.PreDestroy
    void stop() {
        int waiting = counted.values().stream().mapToInt(Asks::times).sum();
        if (waiting > 0) {
            try {
                write().await().atMost(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                lost.increment(waiting);
                Log.warnf("%d asks of knowledge gaps were not written at shutdown: %s", waiting, e.getMessage());
            }
        }
    }

    private static Asks plus(Asks a, Asks b) {
        Asks later = a.lastAskedAt().isAfter(b.lastAskedAt()) ? a : b;
        return new Asks(a.id(), a.times() + b.times(), later.lastAskedAt(), later.bestArticleId(),
                later.bestConfidence());
    }
}
