package org.hotline.events.schema;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resource.classpath.ClassPathResource;

/**
 * Creates the feed tables (outbox, positions, applied ids) in the service's database at start, with a history
 * table of its own so that the library's migrations never collide with the service's own Flyway versions.
 */
@ApplicationScoped
public class EventsSchema {

    /** The library's migrations, listed because classpath scanning is unreliable inside a packaged Quarkus app. */
    static final List<String> MIGRATIONS = List.of("db/events/V1__event_feeds.sql",
            "db/events/V2__kafka_transport.sql");

    private final DataSource dataSource;
    private final CountDownLatch ready = new CountDownLatch(1);

    public EventsSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void migrate(@Observes @Priority(1) StartupEvent start) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Location location = new Location("classpath:db/events");
        List<LoadableResource> resources = MIGRATIONS.stream()
                .<LoadableResource>map(path -> new ClassPathResource(location, path, loader, StandardCharsets.UTF_8))
                .toList();
        ResourceProvider provider = new ResourceProvider() {
            @Override
            public LoadableResource getResource(String name) {
                return resources.stream().filter(r -> r.getRelativePath().equals(name)).findFirst().orElse(null);
            }

            @Override
            public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
                return resources.stream()
                        .filter(r -> r.getFilename().startsWith(prefix))
                        .filter(r -> Arrays.stream(suffixes).anyMatch(s -> r.getFilename().endsWith(s)))
                        .toList();
            }
        };
        var result = Flyway.configure(loader)
                .dataSource(dataSource)
                .table("flyway_events_history")
                .locations(location)
                .resourceProvider(provider)
                // The service's own tables are already there; the library's history starts empty beside them.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        Log.infof("Event feed schema ready (%d migration(s) applied)", result.migrationsExecuted);
        ready.countDown();
    }

    /** Blocks until the feed tables exist (the background workers start right after the application). */
    public void awaitReady() throws InterruptedException {
        while (!ready.await(1, TimeUnit.SECONDS)) {
            Log.debug("Waiting for the event feed schema");
        }
    }
}
