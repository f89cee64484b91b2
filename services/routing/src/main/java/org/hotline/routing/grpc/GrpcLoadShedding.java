package org.hotline.routing.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hotline.routing.config.RoutingConfig;
import org.hotline.routing.service.InFlightLimit;

/**
 * Bounds the gRPC calls routing serves at once (hotline.routing.max-in-flight-calls): one more is closed with
 * RESOURCE_EXHAUSTED before its token is verified, so an overload refuses the excess at once instead of queueing
 * every call until the callers' deadlines expire.
 */
@GlobalInterceptor
@ApplicationScoped
public class GrpcLoadShedding implements ServerInterceptor, Prioritized {

    private static final ServerCall.Listener<?> NOTHING = new ServerCall.Listener<>() {
    };

    private final InFlightLimit limit;
    private final Counter refused;

    public GrpcLoadShedding(RoutingConfig config, MeterRegistry metrics) {
        this.limit = new InFlightLimit(config.maxInFlightCalls());
        this.refused = Counter.builder("hotline_routing_requests_shed_total").tag("transport", "grpc")
                .description("Requests refused at once because the in-flight limit was reached").register(metrics);
    }

    /** Before Quarkus' security interceptor (Integer.MAX_VALUE - 100), after its context interceptors. */
    @Override
    public int getPriority() {
        return Integer.MAX_VALUE - 60;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        if (!limit.tryAcquire()) {
            refused.increment();
            call.close(Status.RESOURCE_EXHAUSTED.withDescription("overloaded: routing is serving as many calls as it "
                    + "can; retry later"), new Metadata());
            return (ServerCall.Listener<Q>) NOTHING;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                limit.release();
            }
        };
        ServerCall<Q, R> counted = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                release.run();
                super.close(status, trailers);
            }
        };
        ServerCall.Listener<Q> listener;
        try {
            listener = next.startCall(counted, headers);
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onCancel() {
                release.run();
                super.onCancel();
            }

            @Override
            public void onComplete() {
                release.run();
                super.onComplete();
            }
        };
    }
}
