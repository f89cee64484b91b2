package org.hotline.appraisal.service;

import io.grpc.Channel;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hotline.appraisal.domain.KpiFact;
import org.hotline.appraisal.repository.EvaluationFactWriter;
import org.hotline.appraisal.repository.KpiFactRepository;
import org.hotline.contracts.evaluation.v1.EvaluationRecorded;
import org.hotline.events.consumer.FeedEvent;
import org.hotline.events.consumer.FeedHandler;

/**
 * Turns evaluation's feed into KPI facts: every event counted per type and verdict ({@code kpi_fact}, {@code kpi_count}),
 * and the typed facts (evaluations, rework and supervision, hearing items, test calls) one row per record.
 */
@ApplicationScoped
public class EvaluationFacts implements FeedHandler {

    private final Channel channel;
    private final KpiFactRepository facts;
    private final EvaluationFactWriter typed;

    public EvaluationFacts(@GrpcClient("evaluation") Channel channel, KpiFactRepository facts,
            EvaluationFactWriter typed) {
        this.channel = channel;
        this.facts = facts;
        this.typed = typed;
    }

    @Override
    public String consumer() {
        return "appraisal-evaluation";
    }

    @Override
    public String feed() {
        return "evaluation";
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public Uni<Void> apply(FeedEvent event) {
        return facts.recordAll(List.of(fact(event))).chain(() -> typed.write(event));
    }

    /** A whole batch: the facts in batched inserts, and one upsert per count they touch. */
    @Override
    public Uni<Void> applyAll(List<FeedEvent> events) {
        Uni<Void> chain = facts.recordAll(events.stream().map(EvaluationFacts::fact).toList());
        for (FeedEvent event : events) {
            chain = chain.chain(() -> typed.write(event));
        }
        return chain;
    }

    private static KpiFact fact(FeedEvent event) {
        KpiFact fact = new KpiFact();
        fact.eventId = event.id();
        fact.tenant = event.tenant();
        fact.type = event.type();
        fact.aggregateId = event.aggregateId();
        fact.occurredAt = event.occurredAt();
        if (event.is(EvaluationRecorded.class)) {
            EvaluationRecorded recorded = event.payload(EvaluationRecorded.class);
            fact.regionCode = recorded.getRegionCode();
            fact.verdict = recorded.getVerdict();
            fact.score = (short) recorded.getScore();
            fact.workOrderId = recorded.getWorkOrderId().isEmpty() ? null : java.util.UUID.fromString(recorded.getWorkOrderId());
        }
        // Kinds appraisal does not know yet are still counted per type, so nothing is silently dropped.
        return fact;
    }
}
