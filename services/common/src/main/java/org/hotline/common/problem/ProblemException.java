package org.hotline.common.problem;

import java.util.List;

/** A domain or input error that is answered as {@code application/problem+json} with a stable type. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final Long retryAfterSeconds;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    /** A problem answered with {@code Retry-After: retryAfterSeconds} (429 and 503). */
    public ProblemException(Problem problem, Long retryAfterSeconds) {
        super(problem.detail());
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Problem problem() {
        return problem;
    }

    /** Seconds after which the client may retry, sent as {@code Retry-After}; null when not applicable. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** 429 with Retry-After. */
    public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ProblemException(Problem.of("too-many-requests", "Too many requests", 429, detail),
                Math.max(1, retryAfterSeconds));
    }

    public static ProblemException badRequest(String slug, String detail) {
        return new ProblemException(Problem.of(slug, "Bad request", 400, detail));
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(Problem.of("validation", "Invalid input", 400, field + ": " + message)
                .withViolations(List.of(new Problem.Violation(field, message))));
    }

    public static ProblemException notFound(String slug, String detail) {
        return new ProblemException(Problem.of(slug, "Not found", 404, detail));
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(Problem.of(slug, "Conflict", 409, detail));
    }

    public static ProblemException forbidden(String slug, String detail) {
        return new ProblemException(Problem.of(slug, "Forbidden", 403, detail));
    }

    public static ProblemException unprocessable(String slug, String detail) {
        return new ProblemException(Problem.of(slug, "Unprocessable request", 422, detail));
    }

    public static ProblemException unavailable(String slug, String detail) {
        return new ProblemException(Problem.of(slug, "Service unavailable", 503, detail));
    }

    /** 503 with Retry-After. */
    public static ProblemException unavailable(String slug, String detail, long retryAfterSeconds) {
        return new ProblemException(Problem.of(slug, "Service unavailable", 503, detail), retryAfterSeconds);
    }
}
