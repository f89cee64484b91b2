package org.hotline.common.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.hotline.common.problem.Problem;
import org.hotline.common.problem.ProblemException;

/** Translates domain problems to the standard gRPC status codes, so REST and gRPC callers hear the same thing. */
public final class ProblemStatus {

    private ProblemStatus() {
    }

    /** The gRPC form of {@code failure}: problems keep their detail, anything else is INTERNAL. */
    public static Throwable toStatus(Throwable failure) {
        if (failure instanceof StatusRuntimeException) {
            return failure;
        }
        if (failure instanceof ProblemException p) {
            Status status = switch (p.problem().status()) {
                case 400, 413, 422 -> Status.INVALID_ARGUMENT;
                case 401 -> Status.UNAUTHENTICATED;
                case 403 -> Status.PERMISSION_DENIED;
                case 404 -> Status.NOT_FOUND;
                case 409 -> Status.FAILED_PRECONDITION;
                case 503 -> Status.UNAVAILABLE;
                default -> Status.INTERNAL;
            };
            return status.withDescription(p.problem().type() + ": " + p.problem().detail()).asRuntimeException();
        }
        return Status.INTERNAL.withDescription("unexpected failure").withCause(failure).asRuntimeException();
    }

    /** The problem slug a status made by {@link #toStatus} carries ({@code unknown-area-code}), or null. */
    public static String slugOf(Status status) {
        String description = status.getDescription();
        if (description == null || !description.startsWith(Problem.TYPE_PREFIX)) {
            return null;
        }
        int colon = description.indexOf(':', Problem.TYPE_PREFIX.length());
        return colon > 0 ? description.substring(Problem.TYPE_PREFIX.length(), colon) : null;
    }

    /** The person-readable detail of a status, without the problem type {@link #toStatus} puts in front. */
    public static String detailOf(Status status) {
        String description = status.getDescription() == null ? "" : status.getDescription();
        String slug = slugOf(status);
        return slug == null ? description
                : description.substring(Problem.TYPE_PREFIX.length() + slug.length() + 1).trim();
    }
}
