package org.hotline.appraisal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the appraisal service (per-tenant KPI settings are data: see /api/v1/kpi-settings). */
@ConfigMapping(prefix = "hotline.appraisal")
public interface AppraisalConfig {

    /** Complaint lights and their webhooks. */
    Lights lights();

    /** Hotspots: many complaints about one address, housing estate or topic in a window. */
    Hotspots hotspots();

    /**
     * First-contact resolution: a call is resolved at first contact when the same caller (pseudonymous key) calls
     * again on the same category within this time (default 7 days).
     */
    @WithDefault("P7D")
    Duration fcrRepeatWindow();

    /** Hotspot detection (docs/appraisal.md "Hotspots"). */
    interface Hotspots {

        /** Sliding window: complaints this close together count together. */
        @WithDefault("P7D")
        Duration window();

        /** Complaints within one window that make a hotspot. */
        @WithDefault("5")
        int minCases();

        /** Cosine of a complaint's terms and a topic's terms at or above which it joins the topic (0..1). */
        @WithDefault("0.5")
        double topicSimilarity();

        /** Longest range one query may cover. */
        @WithDefault("P93D")
        Duration maxRange();

        /**
         * How often every replica sweeps for new hotspots to raise as alerts ("off" to stop; each is raised once with
         * any number of replicas). Their webhooks use the lights' delivery settings.
         */
        @WithDefault("60s")
        String sweepEvery();
    }

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
