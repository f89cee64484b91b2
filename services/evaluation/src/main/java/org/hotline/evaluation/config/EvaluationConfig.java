package org.hotline.evaluation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every setting of the evaluation service ({@code hotline.evaluation.*}); docs/evaluation.md explains each rule. */
@ConfigMapping(prefix = "hotline.evaluation")
public interface EvaluationConfig {

    /** Default zone of tenants for weeks, Monday 08:00 and working days. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    /** Zone per tenant where it differs from {@link #zone()}, e.g. {@code tenant-zones."65"=Asia/Urumqi}. */
    Map<String, ZoneId> tenantZones();

    /** Which replied or closed complaints are evaluated. */
    Sampling sampling();

    /** The weekly assignment of cases to evaluators. */
    Assignment assignment();

    /** The evaluation form's deadline and reminder. */
    Form form();

    /** The durable queue of rework and supervision requests to routing. */
    Actions actions();

    /** Calls to routing (gRPC). */
    Routing routing();

    /** Calls and links to knowledge. */
    Knowledge knowledge();

    /** Hearings (听证会). */
    Hearings hearings();

    /** Mystery-shopper audits (电话暗访). */
    Audits audits();

    /** The zone of {@code tenant}. */
    default ZoneId zoneOf(String tenant) {
        return tenantZones().getOrDefault(tenant, zone());
    }

    /** Sampling rule: all complaints the complainant rated unsatisfied plus a reproducible random share of others. */
    interface Sampling {
        /** Categories (12393 services) whose replied or closed work orders become cases; complaints by default. */
        @WithDefault("FEEDBACK")
        Set<String> categories();

        /** Whether every case the complainant rated unsatisfied at routing's callback is evaluated (Wuhan's rule). */
        @WithDefault("true")
        boolean allUnsatisfied();

        /** Share (0..1) of the other cases evaluated, chosen by a hash of the seed and the work order id. */
        @WithDefault("0.10")
        double share();

        /** Seed of the random share: the same seed picks the same cases. */
        @WithDefault("12393")
        long seed();

        /** How long after the reply a case without a callback waits before it is sampled anyway. */
        @WithDefault("P2D")
        Duration callbackGrace();

        /** Overrides by {@code "<tenant>"}, {@code "<tenant>.<category>"} or {@code "*.<category>"}. */
        Map<String, SamplingOverride> overrides();
    }

    /** One override of the sampling rule. */
    interface SamplingOverride {
        Optional<Boolean> allUnsatisfied();

        Optional<Double> share();
    }

    /** Weekly assignment runs. */
    interface Assignment {
        /** Whether the weekly job runs (runs on demand always work). */
        @WithDefault("true")
        boolean enabled();

        /** Day of the weekly run in the tenant's zone. */
        @WithDefault("MONDAY")
        DayOfWeek day();

        /** Time of the weekly run in the tenant's zone. */
        @WithDefault("08:00")
        LocalTime time();

        /** How often the job checks whether a tenant's weekly run is due. */
        @WithDefault("60s")
        String checkEvery();

        /** Most cases one run considers per tenant. */
        @WithDefault("5000")
        int maxCases();
    }

    /** The evaluation form. */
    interface Form {
        /** Working days (tenant calendar from routing) from assignment to the form's deadline. */
        @WithDefault("5")
        int deadlineWorkingDays();

        /** Working days before the deadline when the evaluator is reminded. */
        @WithDefault("1")
        int reminderWorkingDaysBefore();

        /** How often reminders and overdue forms are looked for. */
        @WithDefault("5m")
        String sweepEvery();
    }

    /** Rework and supervision requests to routing. */
    interface Actions {
        /** How often queued actions are sent. */
        @WithDefault("2s")
        String interval();

        /** Actions sent per round. */
        @WithDefault("50")
        int batchSize();

        /** Longest wait between two attempts of one action (backoff doubles from 1 s up to this). */
        @WithDefault("5m")
        Duration maxBackoff();

        /** How often case follow-ups (second round after rework, rework deadline missed) are looked for. */
        @WithDefault("10s")
        String followUpEvery();

        /**
         * How long a second round that found no eligible evaluator (first one full or now conflicted, nobody else free)
         * waits before it is tried again; a routing fact about the case makes it try sooner.
         */
        @WithDefault("15m")
        Duration secondRoundRetry();
    }

    /** Calls to routing. */
    interface Routing {
        /** Deadline of each gRPC call. */
        @WithDefault("3s")
        Duration deadline();
    }

    /** Knowledge. */
    interface Knowledge {
        /** Deadline of each gRPC call. */
        @WithDefault("3s")
        Duration deadline();

        /** Base URL of knowledge's REST API as evaluators reach it, for the search links of an assignment. */
        @WithDefault("http://localhost:8083")
        String publicUrl();

        /** How often pending dead-number reports are sent. */
        @WithDefault("5s")
        String reportEvery();
    }

    /** Hearings. */
    interface Hearings {
        /** Units with the worst figures of the quarter put on a generated agenda. */
        @WithDefault("3")
        int worstUnits();

        /**
         * Plans each tenant's hearing of the quarter just ended by itself (agenda generated, no date or place yet,
         * which the tenant admin sets), unless the tenant already planned one for that quarter.
         */
        @WithDefault("true")
        boolean autoPlan();

        /** How often the quarterly planner looks for a quarter without a hearing. */
        @WithDefault("1h")
        String checkEvery();
    }

    /** Mystery-shopper audits. */
    interface Audits {
        /**
         * Default pass rule of a campaign: {@code ALL} (all five criteria), {@code AT_LEAST_<n>}, or a comma list of
         * the criteria that must hold (ANSWERED_PROMPTLY, BUSINESS_PROFICIENT, FIRST_RESPONSIBILITY, GOOD_ATTITUDE,
         * CIVIL_LANGUAGE).
         */
        @WithDefault("ALL")
        String passRule();

        /** A person answering within this many seconds counts as answered promptly. */
        @WithDefault("15")
        int promptSeconds();

        /** ...and within this many rings. */
        @WithDefault("3")
        int promptRings();
    }
}
