package org.hotline.intake.client;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.hotline.contracts.knowledge.v1.AnswerReply;
import org.hotline.contracts.knowledge.v1.AnswerRequest;
import org.hotline.contracts.knowledge.v1.MutinyKnowledgeAnswersGrpc;
import org.hotline.intake.config.IntakeConfig;

/** Asks knowledge for the best answer to a citizen's question; owns retry and circuit breaking of that call. */
@ApplicationScoped
public class KnowledgeAnswerClient {

    private final MutinyKnowledgeAnswersGrpc.MutinyKnowledgeAnswersStub answers;
    private final Duration deadline;

    public KnowledgeAnswerClient(
            @GrpcClient("knowledge") MutinyKnowledgeAnswersGrpc.MutinyKnowledgeAnswersStub answers,
            IntakeConfig config) {
        this.answers = answers;
        this.deadline = config.knowledgeDeadline();
    }

    /** The best answer; fails with the transport or status error when knowledge cannot answer. */
    @Retry(maxRetries = 1, delay = 100, jitter = 50, delayUnit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2)
    public Uni<AnswerReply> answer(AnswerRequest request) {
        // Per-call deadline, see RoutingRegionClient.
        return answers.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).answer(request);
    }
}
