package org.hotline.common.security;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A gRPC call without a bearer token is UNAUTHENTICATED (not PERMISSION_DENIED, which would tell a client that its
 * identity was understood and refused). gRPC health and reflection stay open for probes and tools.
 */
@ApplicationScoped
@GlobalInterceptor
public class UnauthenticatedGrpcInterceptor implements ServerInterceptor {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String service = call.getMethodDescriptor().getServiceName();
        boolean open = service != null && (service.startsWith("grpc.health.") || service.startsWith("grpc.reflection."));
        String authorization = headers.get(AUTHORIZATION);
        if (!open && (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7))) {
            call.close(Status.UNAUTHENTICATED.withDescription(
                    "urn:hotline:problem:unauthorized: a bearer token is required ('authorization: Bearer <JWT>')."),
                    new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return next.startCall(call, headers);
    }
}
