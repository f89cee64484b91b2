package org.hotline.events.feed;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import org.hotline.common.security.Roles;
import org.hotline.contracts.events.v1.EventFeedGrpc;
import org.hotline.contracts.events.v1.FeedMessage;
import org.hotline.contracts.events.v1.SubscribeRequest;
import org.hotline.events.config.EventsConfig;

/**
 * Serves this service's feed: {@code Subscribe(from_position)} streams the outbox in position order and follows it.
 * Written against the observer API rather than a Mutiny {@code Multi} because only there the producer can wait for
 * the consumer's flow-control credit ({@code isReady}) before reading the next page: a slow consumer never makes
 * the producer buffer its backlog in memory.
 */
@GrpcService
@RolesAllowed({ Roles.SERVICE, Roles.PLATFORM_OPERATOR })
public class EventFeedGrpcService extends EventFeedGrpc.EventFeedImplBase {

    private final Pool pool;
    private final io.vertx.mutiny.core.Vertx vertx;
    private final EventsConfig.Producer config;

    public EventFeedGrpcService(Pool pool, io.vertx.mutiny.core.Vertx vertx, EventsConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config.producer();
    }

    /** Blocking only for its first moment: the security check needs a worker; the stream then runs on Vert.x. */
    @Override
    @Blocking
    public void subscribe(SubscribeRequest request, StreamObserver<FeedMessage> observer) {
        if (!config.enabled()) {
            observer.onError(Status.UNIMPLEMENTED.withDescription("This service publishes no event feed")
                    .asRuntimeException());
            return;
        }
        if (request.getFromPosition() < 0) {
            observer.onError(Status.INVALID_ARGUMENT.withDescription("from_position must be 0 or more")
                    .asRuntimeException());
            return;
        }
        var context = Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getDelegate().getOrCreateContext();
        new FeedStream(pool, vertx, context, config, request, (ServerCallStreamObserver<FeedMessage>) observer).start();
    }
}
