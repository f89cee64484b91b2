package org.hotline.evaluation.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import org.hotline.evaluation.config.EvaluationConfig;
import org.hotline.evaluation.repository.AssignmentRunRepository;
import org.hotline.evaluation.repository.EvaluatorRepository;
import org.hotline.evaluation.repository.Scope;

/** The background work of evaluation: weekly runs, routing actions, case follow-ups, reminders. */
@ApplicationScoped
public class EvaluationJobs {

    private final AssignmentRuns runs;
    private final AssignmentRunRepository runRepository;
    private final EvaluatorRepository evaluators;
    private final CaseActions actions;
    private final CaseFollowUps followUps;
    private final EvaluationConfig config;
    private final AuditCampaigns audits;
    private final Hearings hearings;

    public EvaluationJobs(AssignmentRuns runs, AssignmentRunRepository runRepository, EvaluatorRepository evaluators,
            CaseActions actions, CaseFollowUps followUps, EvaluationConfig config, AuditCampaigns audits,
            Hearings hearings) {
        this.audits = audits;
        this.hearings = hearings;
        this.runs = runs;
        this.runRepository = runRepository;
        this.evaluators = evaluators;
        this.actions = actions;
        this.followUps = followUps;
        this.config = config;
    }

    /** Runs each tenant's weekly assignment once it is due (Monday 08:00 in the tenant's zone by default). */
    @Scheduled(every = "${hotline.evaluation.assignment.check-every:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> weekly() {
        if (!config.assignment().enabled()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        return Panache.withSession(evaluators::tenantsWithActive).chain(tenants -> Multi.createFrom().iterable(tenants)
                .onItem().transformToUniAndConcatenate(tenant -> {
                    ZonedDateTime local = now.atZone(config.zoneOf(tenant));
                    LocalDate week = runs.weekOf(tenant, now);
                    ZonedDateTime due = week.plusDays(config.assignment().day().getValue() - 1L)
                            .atTime(config.assignment().time()).atZone(config.zoneOf(tenant));
                    if (local.isBefore(due)) {
                        return Uni.createFrom().voidItem();
                    }
                    return Panache.withSession(() -> runRepository.weeklyRunExists(tenant, week))
                            .chain(exists -> exists ? Uni.createFrom().voidItem()
                                    : runs.run(tenant, week, null, "WEEKLY", "scheduler").replaceWithVoid())
                            .onFailure().recoverWithUni(f -> {
                                Log.errorf(f, "Weekly assignment of tenant %s failed; retried at the next check", tenant);
                                return Uni.createFrom().voidItem();
                            });
                }).collect().last().replaceWithVoid());
    }

    /** Sends queued rework and supervision requests to routing. */
    @Scheduled(every = "${hotline.evaluation.actions.interval:2s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> routingActions() {
        return actions.due().chain(ids -> Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(actions::attempt).collect().last().replaceWithVoid());
    }

    /** Case details from routing, second rounds after rework, rework deadlines. */
    @Scheduled(every = "${hotline.evaluation.actions.follow-up-every:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> caseFollowUps() {
        return followUps.loadDetails().chain(followUps::secondRounds).chain(followUps::reworkDeadlines)
                .onFailure().recoverWithUni(f -> {
                    Log.warnf("Case follow-ups delayed: %s", f.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    /** Reminders before form deadlines. */
    @Scheduled(every = "${hotline.evaluation.form.sweep-every:5m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reminders() {
        return followUps.reminders().onFailure().recoverWithUni(f -> {
            Log.warnf("Reminders delayed: %s", f.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    /** Dead or wrong numbers found by audit calls, reported to knowledge. */
    @Scheduled(every = "${hotline.evaluation.knowledge.report-every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deadNumbers() {
        return audits.reportDeadNumbers().onFailure().recoverWithUni(f -> {
            Log.warnf("Dead-number reports delayed: %s", f.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * Plans each tenant's hearing of the quarter just ended (Wuhan's quarterly 听证会), once: a tenant that planned
     * one by hand keeps it; two replicas meet on the hearing's unique (tenant, quarter, title).
     */
    @Scheduled(every = "${hotline.evaluation.hearings.check-every:1h}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> quarterlyHearings() {
        return planQuarterlyHearings(Instant.now());
    }

    /** The quarterly planner at a given moment (the scheduled job uses now). */
    public Uni<Void> planQuarterlyHearings(Instant now) {
        if (!config.hearings().autoPlan()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(evaluators::tenantsWithActive).chain(tenants -> Multi.createFrom().iterable(tenants)
                .onItem().transformToUniAndConcatenate(tenant -> {
                    String quarter = Hearings.previousQuarter(now, config.zoneOf(tenant));
                    return hearings.exists(tenant, quarter).chain(exists -> exists ? Uni.createFrom().voidItem()
                            : hearings.plan(Scope.tenant(tenant), tenant, "scheduler",
                                    new Hearings.HearingBody(tenant, quarter, Hearings.plannedTitle(quarter), null,
                                            null))
                                    .invoke(h -> Log.infof("Planned tenant %s's hearing of %s with %d agenda items",
                                            tenant, quarter, h.items().size()))
                                    .replaceWithVoid())
                            .onFailure().recoverWithUni(f -> {
                                Log.warnf("Quarterly hearing of tenant %s not planned yet: %s", tenant, f.getMessage());
                                return Uni.createFrom().voidItem();
                            });
                }).collect().last().replaceWithVoid());
    }
}
