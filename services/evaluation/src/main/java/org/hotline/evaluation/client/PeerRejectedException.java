package org.hotline.evaluation.client;

import io.grpc.Status;

/** Routing or knowledge answered and refused the request (bad input, unknown order, state, permission): retrying cannot help. */
public class PeerRejectedException extends RuntimeException {

    private final Status.Code code;

    public PeerRejectedException(Status.Code code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public Status.Code code() {
        return code;
    }
}
