package org.hotline.events.transport;

import com.google.protobuf.Int64Value;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hotline.common.grpc.ServiceTokenClientInterceptor;
import org.hotline.events.consumer.FeedEvent;
import org.hotline.events.consumer.FeedHandler;

/**
 * The test application's consumer of its own feed: one ledger entry per event. It can be told to fail once on an
 * aggregate, as a handler meeting a transient error would.
 */
@ApplicationScoped
public class Ledger implements FeedHandler {

    static final String CONSUMER = "events-test-ledger";
    static final String FEED = "events-test";

    private final ServiceTokenClientInterceptor token;
    private final AtomicReference<String> failOnceOn = new AtomicReference<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile ManagedChannel channel;
    private volatile int channelPort;

    public Ledger(ServiceTokenClientInterceptor token) {
        this.token = token;
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public String feed() {
        return FEED;
    }

    /** This application's own feed; the HTTP test port is random, so the channel follows it once it is known. */
    @Override
    public Channel channel() {
        return ClientInterceptors.intercept(new Channel() {
            @Override
            public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
                return self().newCall(method, options);
            }

            @Override
            public String authority() {
                return "localhost";
            }
        }, token);
    }

    private synchronized ManagedChannel self() {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class).orElse(0);
        if (channel == null || port != channelPort) {
            if (channel != null) {
                channel.shutdownNow();
            }
            channel = ManagedChannelBuilder.forAddress("localhost", port).usePlaintext().build();
            channelPort = port;
        }
        return channel;
    }

    @Override
    public Uni<Void> apply(FeedEvent event) {
        return applyAll(List.of(event));
    }

    @Override
    public Uni<Void> applyAll(List<FeedEvent> events) {
        for (FeedEvent e : events) {
            String target = failOnceOn.get();
            if (target != null && target.equals(e.aggregateId()) && failOnceOn.compareAndSet(target, null)) {
                failures.incrementAndGet();
                return Uni.createFrom().failure(new IllegalStateException("ledger unavailable for " + e.aggregateId()));
            }
        }
        return Panache.getSession().chain(session -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (FeedEvent e : events) {
                LedgerEntry entry = new LedgerEntry();
                entry.eventId = e.id();
                entry.aggregateId = e.aggregateId();
                entry.tenant = e.tenant();
                entry.seq = e.payload(Int64Value.class).getValue();
                chain = chain.chain(() -> session.persist(entry));
            }
            return chain.chain(session::flush);
        });
    }

    /** Makes the next batch holding an event of {@code aggregateId} fail (once). */
    void failOnceOn(String aggregateId) {
        failOnceOn.set(aggregateId);
    }

    int failures() {
        return failures.get();
    }
}
