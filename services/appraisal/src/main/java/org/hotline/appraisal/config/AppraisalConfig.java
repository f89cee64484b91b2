package org.hotline.appraisal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the appraisal service (per-tenant KPI settings are data: see /api/v1/kpi-settings). */
@ConfigMapping(prefix = "hotline.appraisal")
public interface AppraisalConfig {

    /** Complaint lights and their webhooks. */
    Lights lights();

    /** Complaint lights (黄灯/红灯). */
    interface Lights {

        /** How often every replica evaluates the lights ("off" to stop; exactly once holds with any number). */
        @WithDefault("30s")
        String evaluateEvery();

        /** How often every replica sends due webhook deliveries ("off" to stop). */
        @WithDefault("5s")
        String deliverEvery();

        /** Lowest complaint count that a baseline alone may light (an empty history must not light one complaint). */
        @WithDefault("3")
        int baselineFloor();

        /** First retry delay; each further retry waits twice as long, up to {@link #maxBackoff()}. */
        @WithDefault("PT10S")
        Duration firstBackoff();

        /** Longest wait between two attempts of one delivery. */
        @WithDefault("PT10M")
        Duration maxBackoff();

        /** Attempts after which a delivery is given up (FAILED, visible in the delivery log). */
        @WithDefault("12")
        int maxAttempts();

        /** Time limit of one webhook request. */
        @WithDefault("PT5S")
        Duration timeout();
    }
}
