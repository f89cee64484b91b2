package org.hotline.routing.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Routing is ready once the region directory is in memory: before that every resolution would wait for its load. */
@Readiness
@ApplicationScoped
public class DirectoryReadiness implements HealthCheck {

    private final RegionDirectory directory;

    public DirectoryReadiness(RegionDirectory directory) {
        this.directory = directory;
    }

    @Override
    public HealthCheckResponse call() {
        RegionDirectory.Snapshot s = directory.loaded();
        return HealthCheckResponse.named("routing-region-directory").status(s != null)
                .withData("regions", s == null ? 0 : s.byCode().size()).build();
    }
}
