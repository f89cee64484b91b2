package org.hotline.knowledge.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.common.problem.Problem;
import org.hotline.common.problem.ProblemException;
import org.hotline.knowledge.config.KnowledgeConfig;

/**
 * The few threads, one per core by default, on which Lucene searches run, so a surge queues answers instead of
 * time-slicing them; the queue is bounded, and a search beyond it is refused at once.
 */
@ApplicationScoped
public class SearchThreads {

    private final WorkerExecutor pool;
    /** Searches submitted and not yet finished (running or waiting). */
    private final AtomicInteger pending = new AtomicInteger();
    private final int maxPending;
    private final Counter refused;

    @Inject
    public SearchThreads(Vertx vertx, KnowledgeConfig config, MeterRegistry metrics) {
        this(vertx, config.answers().searchThreads().orElse(Runtime.getRuntime().availableProcessors()),
                config.answers().queuedSearchesPerThread(), metrics);
    }

    SearchThreads(Vertx vertx, int threads, int queuedPerThread, MeterRegistry metrics) {
        int size = Math.max(1, threads);
        this.maxPending = size * (1 + Math.max(0, queuedPerThread));
        this.refused = Counter.builder("hotline_knowledge_searches_refused_total")
                .description("Searches refused at once (503, gRPC UNAVAILABLE) because the search queue was full")
                .register(metrics);
        // A search is CPU-bound and takes well under a millisecond; one slower than 10 s is a fault worth a warning.
        this.pool = vertx.createSharedWorkerExecutor("knowledge-search", size, 10, TimeUnit.SECONDS);
    }

    /**
     * Runs {@code search} on a search thread; the result comes back on the caller's Vert.x context, so a database call
     * chained after it (a knowledge gap) runs in the request's context as before.
     */
    public <T> Uni<T> run(Callable<T> search) {
        return Uni.createFrom().emitter(emitter -> {
            if (pending.incrementAndGet() > maxPending) {
                pending.decrementAndGet();
                refused.increment();
                emitter.fail(new ProblemException(Problem.of("overloaded", "Service unavailable", 503,
                        "Knowledge is answering as many questions as it can; retry after the number of seconds in "
                                + "Retry-After, or offer the caller an agent."), 1L));
                return;
            }
            submit(search, emitter);
        });
    }

    private <T> void submit(Callable<T> search, UniEmitter<? super T> emitter) {
        pool.executeBlocking(search, false).onComplete(result -> {
            pending.decrementAndGet();
            if (result.succeeded()) {
                emitter.complete(result.result());
            } else {
                emitter.fail(result.cause());
            }
        });
    }

    @PreDestroy
    void close() {
        pool.close();
    }
}
