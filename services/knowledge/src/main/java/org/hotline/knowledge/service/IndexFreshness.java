package org.hotline.knowledge.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hotline.knowledge.config.KnowledgeConfig;
import org.hotline.knowledge.repository.ArticleSnapshotRepository;

/**
 * Keeps every replica's index current: builds it from PostgreSQL at start-up (after loading the seed into an empty
 * database), then LISTENs for article ids that writers NOTIFY in the same transaction as their change, so a change is
 * searchable in every replica well within a second. After a lost connection the whole index is rebuilt, since
 * notifications sent meanwhile are gone.
 */
@ApplicationScoped
public class IndexFreshness {

    /** Payload that asks every replica to rebuild its whole index (after rows were written outside the API). */
    static final String REBUILD = "rebuild";

    private final ArticleIndex index;
    private final ArticleSnapshotRepository snapshots;
    private final SeedLoader seeds;
    private final KnowledgeConfig config;
    private final VocabularyEditing vocabulary;
    private final WithheldNumbers withheld;
    private final AgencyContacts agencies;
    private final Vertx vertx;
    private final PgConnectOptions options;
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final java.util.concurrent.CompletableFuture<Void> listening = new java.util.concurrent.CompletableFuture<>();
    private PgSubscriber subscriber;

    public IndexFreshness(ArticleIndex index, ArticleSnapshotRepository snapshots, SeedLoader seeds,
            KnowledgeConfig config, VocabularyEditing vocabulary, WithheldNumbers withheld, AgencyContacts agencies,
            Vertx vertx, io.micrometer.core.instrument.MeterRegistry metrics,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.index = index;
        this.snapshots = snapshots;
        this.seeds = seeds;
        this.config = config;
        this.vocabulary = vocabulary;
        this.withheld = withheld;
        this.agencies = agencies;
        this.vertx = vertx;
        metrics.gauge("hotline_knowledge_index_articles", index, ArticleIndex::searchableArticles);
        this.options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url)
                .setUser(user).setPassword(password);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.seed().enabled()) {
            seeds.loadIfEmpty().await().atMost(Duration.ofMinutes(2));
        }
        vocabulary.reload().await().atMost(Duration.ofMinutes(1));
        withheld.reload().await().atMost(Duration.ofMinutes(1));
        agencies.reload().await().atMost(Duration.ofMinutes(1));
        // A 100,000-article corpus takes a minute or two on two busy cores.
        rebuild().await().atMost(Duration.ofMinutes(10));
        // Start-up (and so readiness) waits until this replica listens: a change made before that would be missed.
        listen().await().atMost(Duration.ofSeconds(30));
    }

    /** Rebuilds the whole index from the database. */
    public Uni<Void> rebuild() {
        return snapshots.loadAll().emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(index::rebuild).replaceWithVoid();
    }

    /** Re-reads one article and replaces it in this replica's index. */
    public Uni<Void> refresh(UUID articleId) {
        return snapshots.load(articleId).emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(s -> index.replace(articleId, s)).replaceWithVoid();
    }

    private Uni<Void> listen() {
        subscriber = PgSubscriber.subscriber(vertx, options);
        subscriber.reconnectPolicy(retries -> 500L);
        subscriber.channel(config.index().notifyChannel())
                .subscribeHandler(() -> {
                    listening.complete(null);
                    if (subscriptions.incrementAndGet() > 1) {
                        Log.info("Change notifications resumed; rebuilding the knowledge index");
                        vocabulary.reload().chain(withheld::reload).chain(agencies::reload).chain(this::rebuild)
                                .subscribe().with(ok -> { }, f -> Log.error("Index rebuild failed", f));
                    }
                })
                .handler(payload -> {
                    if (WithheldNumbers.CHANGE.equals(payload.trim())) {
                        withheld.reload().chain(agencies::reload)
                                .subscribe().with(ok -> { }, f -> Log.error("Directory reload failed", f));
                        return;
                    }
                    if (REBUILD.equals(payload.trim())) {
                        // After a bulk load straight into the tables (an import, the bench corpus): one rebuild.
                        Log.info("Rebuild requested; rebuilding the knowledge index");
                        rebuild().subscribe().with(ok -> { }, f -> Log.error("Index rebuild failed", f));
                        return;
                    }
                    if ("vocabulary".equals(payload.trim())) {
                        vocabulary.reload().subscribe().with(ok -> { }, f -> Log.error("Vocabulary reload failed", f));
                        return;
                    }
                    UUID id;
                    try {
                        id = UUID.fromString(payload.trim());
                    } catch (IllegalArgumentException e) {
                        Log.warnf("Ignoring a malformed change notification '%s'", payload);
                        return;
                    }
                    refresh(id).subscribe().with(ok -> { }, f -> Log.errorf(f, "Index refresh of %s failed", id));
                });
        return subscriber.connect()
                .chain(() -> Uni.createFrom().completionStage(listening))
                .invoke(() -> Log.infof("Listening for article changes on '%s'", config.index().notifyChannel()));
    }

    @PreDestroy
    void stop() {
        if (subscriber != null) {
            subscriber.closeAndAwait();
        }
    }
}
