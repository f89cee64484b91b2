package org.hotline.knowledge.service;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.hotline.knowledge.config.KnowledgeConfig;

/** The few threads, one per core by default, on which Lucene searches run, so a surge queues answers instead of time-slicing them. */
@ApplicationScoped
public class SearchThreads {

    private final WorkerExecutor pool;

    public SearchThreads(Vertx vertx, KnowledgeConfig config) {
        int size = Math.max(1, config.answers().searchThreads().orElse(Runtime.getRuntime().availableProcessors()));
        // A search is CPU-bound and takes well under a millisecond; one slower than 10 s is a fault worth a warning.
        this.pool = vertx.createSharedWorkerExecutor("knowledge-search", size, 10, TimeUnit.SECONDS);
    }

    /**
     * Runs {@code search} on a search thread; the result comes back on the caller's Vert.x context, so a database call
     * chained after it (a knowledge gap) runs in the request's context as before.
     */
    public <T> Uni<T> run(Callable<T> search) {
        return Uni.createFrom().emitter(emitter -> pool.executeBlocking(search, false).onComplete(result -> {
            if (result.succeeded()) {
                emitter.complete(result.result());
            } else {
                emitter.fail(result.cause());
            }
        }));
    }

    @PreDestroy
    void close() {
        pool.close();
    }
}
