package org.hotline.intake.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.hotline.contracts.knowledge.v1.AnswerRequest;
import org.hotline.intake.client.KnowledgeAnswerClient;
import org.hotline.intake.config.IntakeConfig;

/** 7x24 automatic answers from knowledge; never fails: with knowledge slow or down the outcome says UNAVAILABLE. */
@ApplicationScoped
public class AutomaticAnswers {

    /** Said to the citizen when knowledge cannot be asked: polite, and promising a person. */
    public static final String FALLBACK = "您好，智能问答暂时无法回答您的问题，我们已为您转人工处理，"
            + "工作人员会尽快答复您，请留意查询码。感谢您的耐心。";

    private final KnowledgeAnswerClient knowledge;
    private final IntakeConfig config;
    private final MeterRegistry metrics;

    public AutomaticAnswers(KnowledgeAnswerClient knowledge, IntakeConfig config, MeterRegistry metrics) {
        this.knowledge = knowledge;
        this.config = config;
        this.metrics = metrics;
    }

    /** Asks knowledge; ANSWERED only at or above the configured confidence. */
    @Timeout(3000)
    @Fallback(fallbackMethod = "knowledgeUnavailable")
    public Uni<AnswerOutcome> ask(String question, String regionCode, String tenant, String channel, Instant at) {
        AnswerRequest request = AnswerRequest.newBuilder()
                .setQuestion(question)
                .setRegionCode(regionCode == null ? "" : regionCode)
                .setTenant(tenant == null ? "*" : tenant)
                .setAt(at.toString())
                .setMinConfidence(config.answers().minConfidence())
                .setChannel(channel.toLowerCase())
                .build();
        return knowledge.answer(request).map(reply -> {
            boolean good = reply.getFound() && reply.getConfidence() >= config.answers().minConfidence();
            count(tenant, good ? "answered" : "not_found");
            return new AnswerOutcome(good ? AnswerOutcome.Kind.ANSWERED : AnswerOutcome.Kind.NOT_FOUND,
                    reply.getArticleId(), reply.getTitle(), reply.getAnswer(), reply.getConfidence(),
                    reply.getCitationsList().stream().map(c -> new AnswerOutcome.CitationView(c.getDocumentName(),
                            c.getDocumentNumber(), c.getUrl())).toList(),
                    good ? null : "confidence " + reply.getConfidence());
        });
    }

    Uni<AnswerOutcome> knowledgeUnavailable(String question, String regionCode, String tenant, String channel,
            Instant at, Throwable failure) {
        Log.warnf("Knowledge unavailable, polite fallback given: %s", failure.toString());
        count(tenant, "knowledge_unavailable");
        String why = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return Uni.createFrom().item(AnswerOutcome.unavailable(why.length() > 250 ? why.substring(0, 250) : why));
    }

    private void count(String tenant, String result) {
        metrics.counter("hotline_intake_automatic_answers_total", "tenant", tenant == null ? "*" : tenant,
                "result", result).increment();
    }
}
