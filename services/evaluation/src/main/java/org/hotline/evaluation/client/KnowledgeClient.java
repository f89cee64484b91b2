package org.hotline.evaluation.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.hotline.contracts.knowledge.v1.MutinyInstitutionDirectoryGrpc;
import org.hotline.contracts.knowledge.v1.ReportDeadNumberReply;
import org.hotline.contracts.knowledge.v1.ReportDeadNumberRequest;
import org.hotline.contracts.knowledge.v1.ReportSource;
import org.hotline.evaluation.config.EvaluationConfig;

/**
 * Evaluation's calls to knowledge: dead-number reports of audit calls. Retrying is safe because knowledge counts a
 * report_id once; a refused report (no directory entry with that number) is not retried.
 */
@ApplicationScoped
public class KnowledgeClient {

    private final MutinyInstitutionDirectoryGrpc.MutinyInstitutionDirectoryStub directory;
    private final Duration deadline;

    public KnowledgeClient(@GrpcClient("knowledge") MutinyInstitutionDirectoryGrpc.MutinyInstitutionDirectoryStub directory,
            EvaluationConfig config) {
        this.directory = directory;
        this.deadline = config.knowledge().deadline();
    }

    /**
     * Reports a dead or wrong number found by an audit call; {@code reportId} makes retries count once, and
     * {@code reporter} names who found it (the auditor's evaluator subject, or the campaign when no auditor was named),
     * so that knowledge counts distinct reporters rather than evaluation's service account.
     */
    @Retry(maxRetries = 2, delay = 200, jitter = 100, delayUnit = ChronoUnit.MILLIS,
            abortOn = PeerRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, skipOn = PeerRejectedException.class)
    public Uni<ReportDeadNumberReply> reportDeadNumber(String institutionId, String phone, String reportId,
            String reporter, String note) {
        ReportDeadNumberRequest.Builder b = ReportDeadNumberRequest.newBuilder().setPhone(phone)
                .setSource(ReportSource.AUDIT).setReportId(reportId).setReporter(reporter)
                .setNote(note == null ? "" : note);
        if (institutionId != null) {
            b.setInstitutionId(institutionId);
        }
        return directory.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).reportDeadNumber(b.build())
                .onFailure(StatusRuntimeException.class).transform(f -> {
                    Status status = ((StatusRuntimeException) f).getStatus();
                    return switch (status.getCode()) {
                        case INVALID_ARGUMENT, NOT_FOUND, PERMISSION_DENIED, UNAUTHENTICATED ->
                                new PeerRejectedException(status.getCode(), status.getDescription());
                        default -> f;
                    };
                });
    }
}
