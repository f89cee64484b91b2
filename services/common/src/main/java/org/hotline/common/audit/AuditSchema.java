package org.hotline.common.audit;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resource.classpath.ClassPathResource;

/**
 * Creates the {@code access_audit} table in the service's database at start, in services that set
 * {@code hotline.audit.enabled=true} at build time, with a Flyway history of its own so that these migrations never
 * collide with the service's own versions.
 */
@ApplicationScoped
@IfBuildProperty(name = "hotline.audit.enabled", stringValue = "true")
public class AuditSchema {

    /** The migrations, listed because classpath scanning is unreliable inside a packaged Quarkus app. */
    static final List<String> MIGRATIONS = List.of("db/audit/V1__access_audit.sql");

    private final DataSource dataSource;

    public AuditSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void migrate(@Observes @Priority(1) StartupEvent start) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Location location = new Location("classpath:db/audit");
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
        var result = Flyway.configure(loader).dataSource(dataSource).table("flyway_audit_history")
                .locations(location).resourceProvider(provider)
                // The service's own tables are already there; this history starts empty beside them.
                .baselineOnMigrate(true).baselineVersion("0")
                .load().migrate();
        Log.infof("Access audit schema ready (%d migration(s) applied)", result.migrationsExecuted);
    }
}
