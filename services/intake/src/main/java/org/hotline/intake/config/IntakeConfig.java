package org.hotline.intake.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings of the intake service, under {@code hotline.intake}. */
@ConfigMapping(prefix = "hotline.intake")
public interface IntakeConfig {

    /** Deadline of each call to routing (region resolution, work orders). */
    @WithDefault("2s")
    Duration routingDeadline();

    /** Deadline of each call to knowledge (automatic answers). */
    @WithDefault("2s")
    Duration knowledgeDeadline();

    /** Region resolution retries for contacts registered while routing was unreachable. */
    RegionRetry regionRetry();

    /** Routing's region answers held in memory (service/KnownRegions). */
    RegionCache regionCache();

    /** The outbox job that hands cases to routing as work orders. */
    HandOffs handOffs();

    /** Automatic answers from knowledge. */
    Answers answers();

    /** Queues and wait estimates. */
    Queues queues();

    /** Human service hours: the default, and per-tenant overrides keyed by the 2-digit tenant. */
    ServiceHours serviceHours();

    /** Per-tenant service hours, e.g. {@code hotline.intake.tenant-hours."42".periods=08:30-12:00,14:00-17:30}. */
    Map<String, ServiceHours> tenantHours();

    /**
     * How often each replica checks whether a province's administrator changed its service hours (on another
     * replica); read by the {@code @Scheduled} expression of {@code ServiceHoursSettings}. One cheap query each time.
     */
    @WithDefault("10s")
    String serviceHoursRefresh();

    /** Routing's working-day calendar, kept in memory for service hours. */
    Calendar calendar();

    /** The window of times accepted on the switch's call events. */
    CallEvents callEvents();

    /** Case look-ups per client address and minute on the public, login-free case look-up, across all replicas. */
    @WithDefault("30")
    int publicLookupsPerMinute();

    /** Requests per client address and minute on the Open311 endpoints (login-free), across all replicas. */
    @WithDefault("120")
    int open311RequestsPerMinute();

    /** How long routing's region answers are reused for contacts with the same deciding input. */
    interface RegionCache {

        /** How long an answer is reused; a change of routing's region directory reaches intake within it. 0: off. */
        @WithDefault("60s")
        Duration ttl();

        /** At most this many answers are held (the deciding inputs are a few thousand at most). */
        @WithDefault("10000")
        int maxEntries();
    }

    /** Accepted times of call events: older or further ahead is refused with 400 (a wrong clock or a replay). */
    interface CallEvents {

        /** How far in the past an event's occurredAt may be. */
        @WithDefault("24h")
        Duration maxAge();

        /** How far in the future an event's occurredAt may be (switch clock drift). */
        @WithDefault("5m")
        Duration maxAhead();
    }

    /** Routing's working-day calendar (holidays and 调休), cached per tenant. */
    interface Calendar {

        /** How often loaded calendars are refreshed from routing (read by the {@code @Scheduled} expression). */
        @WithDefault("10m")
        String refresh();

        /** Days ahead of today that are loaded (the next opening is looked for within them). */
        @WithDefault("60")
        int horizonDays();
    }

    /** How pending regions are retried. */
    interface RegionRetry {

        /** How often the retry job runs (read by its {@code @Scheduled} expression). */
        @WithDefault("5s")
        String interval();

        /** Contacts retried per run of the retry job. */
        @WithDefault("100")
        int batchSize();
    }

    /** How hand-offs are retried. */
    interface HandOffs {

        /** How often the job runs (read by its {@code @Scheduled} expression). */
        @WithDefault("5s")
        String interval();

        /** Hand-offs sent per run. */
        @WithDefault("50")
        int batchSize();

        /** Longest wait between two attempts of one hand-off (the backoff doubles up to it). */
        @WithDefault("5m")
        Duration maxBackoff();
    }

    /** Automatic answers. */
    interface Answers {

        /**
         * Extra confidence floor on top of knowledge's calibrated {@code found} (which alone decides by default: its
         * precision is measured on the labelled set, docs/knowledge.md). Raise it only to trade answers for caution.
         */
        @WithDefault("0")
        double minConfidence();
    }

    /** Queues. */
    interface Queues {

        /** How often the queue-depth gauges are refreshed (read by their {@code @Scheduled} expression). */
        @WithDefault("5s")
        String depthInterval();

        /** Handle time assumed until the queue has finished calls in the window. */
        @WithDefault("180")
        int defaultHandleSeconds();

        /** Recent calls used for the average handle time and the arrival rate. */
        @WithDefault("1h")
        Duration window();

        /** Estimated wait above which the IVR offers a callback instead of waiting. */
        @WithDefault("120")
        int callbackThresholdSeconds();

        /**
         * Tenants whose calls are taken centrally by the province (省级集中受理): one queue per province (the province
         * code, e.g. 370000) instead of one per pooling region.
         */
        Optional<List<String>> centralTenants();

        /** Failed attempts after which a callback is recorded as failed. */
        @WithDefault("3")
        int callbackMaxAttempts();
    }

    /** Service hours of human agents in the tenant's zone. */
    interface ServiceHours {

        /** Tenant zone. */
        @WithDefault("Asia/Shanghai")
        String zone();

        /** Opening periods of a working day. */
        @WithDefault("09:00-12:00,13:00-17:00")
        List<String> periods();

        /** Working days of the week. */
        @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
        List<String> days();

        /** Public holidays (ISO dates) closed although on a working day. */
        Optional<List<String>> holidays();
    }
}
