package org.hotline.intake.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the intake service, under {@code hotline.intake}. */
@ConfigMapping(prefix = "hotline.intake")
public interface IntakeConfig {

    /** Deadline of each region-resolution call to routing. */
    @WithDefault("2s")
    java.time.Duration routingDeadline();

    /** Region resolution retries for contacts registered while routing was unreachable. */
    RegionRetry regionRetry();

    /** How pending regions are retried. */
    interface RegionRetry {

        /** How often the retry job runs (read by its {@code @Scheduled} expression). */
        @WithDefault("5s")
        String interval();

        /** Contacts retried per run of the retry job. */
        @WithDefault("100")
        int batchSize();
    }
}
