package org.hotline.knowledge.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hotline.common.problem.Problem;
import org.hotline.common.problem.ProblemException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A surge beyond the search threads' bounded queue is refused at once instead of queuing every question. */
class SearchThreadsTest {

    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aSearchBeyondTheQueueIsRefusedAsOverloadedAndTheNextIsTakenOnceTheQueueDrains() throws Exception {
        // One thread and one waiting place: two searches are taken, the third is refused.
        SearchThreads threads = new SearchThreads(vertx, 1, 1, metrics);
        CountDownLatch release = new CountDownLatch(1);
        var running = threads.run(() -> release.await(10, TimeUnit.SECONDS) ? "first" : "timed out")
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        var waiting = threads.run(() -> "second").subscribe().withSubscriber(UniAssertSubscriber.create());

        var refused = threads.run(() -> "third").subscribe().withSubscriber(UniAssertSubscriber.create());
        Throwable failure = refused.awaitFailure(Duration.ofSeconds(5)).getFailure();
        ProblemException problem = assertInstanceOf(ProblemException.class, failure);
        assertEquals(503, problem.problem().status());
        assertEquals(Problem.TYPE_PREFIX + "overloaded", problem.problem().type());
        assertEquals(1L, problem.retryAfterSeconds());
        assertEquals(1.0, metrics.get("hotline_knowledge_searches_refused_total").counter().count());

        release.countDown();
        running.awaitItem(Duration.ofSeconds(5)).assertItem("first");
        waiting.awaitItem(Duration.ofSeconds(5)).assertItem("second");
        threads.run(() -> "after the surge").subscribe().withSubscriber(UniAssertSubscriber.create())
                .awaitItem(Duration.ofSeconds(5)).assertItem("after the surge");
    }
}
