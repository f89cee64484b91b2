package org.hotline.evaluation.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hotline.common.problem.ProblemException;
import org.hotline.evaluation.assignment.AssignmentPlanner;
import org.hotline.evaluation.config.EvaluationConfig;
import org.hotline.evaluation.domain.Assignment;
import org.hotline.evaluation.domain.AssignmentRun;
import org.hotline.evaluation.domain.EvaluationCase;
import org.hotline.evaluation.domain.Evaluator;
import org.hotline.evaluation.domain.EvaluatorConflict;
import org.hotline.evaluation.domain.UnassignedCase;
import org.hotline.evaluation.repository.AssignmentRepository;
import org.hotline.evaluation.repository.AssignmentRunRepository;
import org.hotline.evaluation.repository.CaseRepository;
import org.hotline.evaluation.repository.ConflictRepository;
import org.hotline.evaluation.repository.EvaluatorRepository;
import org.hotline.evaluation.repository.Scope;
import org.hotline.events.outbox.EventOutbox;
import org.hotline.events.outbox.NewEvent;

/**
 * Assignment runs of a tenant's week: samples the new cases, plans them over the active evaluators with
 * {@link AssignmentPlanner} and stores assignments, unassigned reasons and events in one transaction. Runs of one
 * tenant are serialised by an advisory lock, and a case is only ever a candidate while it is NEW, so running the same
 * week twice assigns nothing twice.
 */
@ApplicationScoped
public class AssignmentRuns {

    private final CaseRepository cases;
    private final EvaluatorRepository evaluators;
    private final ConflictRepository conflicts;
    private final AssignmentRepository assignments;
    private final AssignmentRunRepository runs;
    private final SamplingRule sampling;
    private final WorkingDays workingDays;
    private final EventOutbox outbox;
    private final EvaluationConfig config;
    private final IdempotencyKeys keys;
    private final EvaluationMetrics metrics;

    public AssignmentRuns(CaseRepository cases, EvaluatorRepository evaluators, ConflictRepository conflicts,
            AssignmentRepository assignments, AssignmentRunRepository runs, SamplingRule sampling,
            WorkingDays workingDays, EventOutbox outbox, EvaluationConfig config, IdempotencyKeys keys,
            EvaluationMetrics metrics) {
        this.metrics = metrics;
        this.keys = keys;
        this.cases = cases;
        this.evaluators = evaluators;
        this.conflicts = conflicts;
        this.assignments = assignments;
        this.runs = runs;
        this.sampling = sampling;
        this.workingDays = workingDays;
        this.outbox = outbox;
        this.config = config;
    }

    /** The Monday of the week {@code at} falls in, in the tenant's zone. */
    public LocalDate weekOf(String tenant, Instant at) {
        return at.atZone(config.zoneOf(tenant)).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The default seed of a tenant's week, so a run without a seed is reproducible too. */
    public static long defaultSeed(String tenant, LocalDate week) {
        return ((long) tenant.hashCode() << 32) ^ week.toEpochDay();
    }

    /** Runs the assignment of {@code week} (a Monday) for {@code tenant}. */
    public Uni<AssignmentRun> run(String tenant, LocalDate week, Long seed, String trigger, String by) {
        return run(tenant, week, seed, trigger, by, null);
    }

    /** Runs the assignment and remembers the Idempotency-Key in the same transaction. */
    public Uni<AssignmentRun> run(String tenant, LocalDate week, Long seed, String trigger, String by,
            IdempotencyKeys.Scoped scoped) {
        if (week.getDayOfWeek() != DayOfWeek.MONDAY) {
            throw ProblemException.invalidField("week", "the Monday of the week, e.g. 2026-11-23");
        }
        long s = seed != null ? seed : defaultSeed(tenant, week);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // The calendar comes from routing before the transaction: no remote call while rows are locked.
        return workingDays.deadline(tenant, now, config.form().deadlineWorkingDays(),
                config.form().reminderWorkingDaysBefore())
                .chain(deadline -> Panache.withTransaction(() -> lock(tenant)
                        .chain(() -> plan(tenant, week, s, trigger, by, now, deadline))
                        .call(run -> keys.remember(scoped, run.id, null))))
                // Counted once the run's transaction has committed.
                .invoke(run -> metrics.assigned(tenant, 1, run.assigned));
    }

    /** Serialises runs and second rounds of a tenant (capacity is counted inside the lock). */
    static Uni<Void> lock(String tenant) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended('evaluation-run:' || :t, 0))")
                .setParameter("t", tenant).getSingleResult()).replaceWithVoid();
    }

    private Uni<AssignmentRun> plan(String tenant, LocalDate week, long seed, String trigger, String by, Instant now,
            WorkingDays.Deadline deadline) {
        return cases.candidates(tenant, config.sampling().categories(), config.assignment().maxCases())
                .chain(candidates -> evaluators.active(tenant).chain(active -> conflicts.ofTenant(tenant)
                        .chain(declared -> assignments.loads(tenant, week).chain(loads -> {
                            AssignmentRun run = new AssignmentRun();
                            run.id = UUID.randomUUID();
                            run.tenant = tenant;
                            run.week = week;
                            run.seed = seed;
                            run.trigger = trigger;
                            run.startedBy = by;
                            run.createdAt = now;
                            return store(run, candidates, active, declared, loads, now, deadline);
                        }))));
    }

    private Uni<AssignmentRun> store(AssignmentRun run, List<EvaluationCase> candidates, List<Evaluator> active,
            List<EvaluatorConflict> declared, Map<UUID, Integer> loads, Instant now, WorkingDays.Deadline deadline) {
        List<AssignmentPlanner.CaseInput> inputs = new ArrayList<>();
        Map<UUID, EvaluationCase> byId = new HashMap<>();
        List<UnassignedCase> waiting = new ArrayList<>();
        int notSampled = 0;
        for (EvaluationCase c : candidates) {
            if (c.sampled == null) {
                SamplingRule.Decision d = sampling.decide(c, now);
                if (d == null) {
                    continue;
                }
                c.sampled = d != SamplingRule.Decision.NOT_SAMPLED;
                c.sampleReason = d.name();
                c.updatedAt = now;
            }
            if (!c.sampled) {
                notSampled++;
                continue;
            }
            if (c.detailsLoadedAt == null) {
                waiting.add(unassigned(run, c, "WAITING_FOR_ROUTING_DETAILS"));
                continue;
            }
            byId.put(c.id, c);
            inputs.add(input(c));
        }
        AssignmentPlanner.Plan plan = AssignmentPlanner.plan(inputs, pool(active, declared, loads), run.seed);

        List<Assignment> made = new ArrayList<>();
        List<NewEvent> events = new ArrayList<>();
        plan.assigned().forEach((caseId, evaluatorId) -> {
            EvaluationCase c = byId.get(caseId);
            Assignment a = newAssignment(c, evaluatorId, run.id, run.week, 1, now, deadline);
            c.stage = EvaluationCase.Stage.ASSIGNED;
            c.updatedAt = now;
            made.add(a);
            events.add(EvaluationEvents.assignmentMade(a, c));
        });
        plan.unassigned().forEach((caseId, reason) -> waiting.add(unassigned(run, byId.get(caseId), reason.name())));
        run.assigned = made.size();
        run.unassigned = waiting.size();
        run.notSampled = notSampled;
        Log.infof("Assignment run %s of tenant %s for week %s (seed %d): %d assigned, %d unassigned, %d not sampled",
                run.id, run.tenant, run.week, run.seed, run.assigned, run.unassigned, run.notSampled);
        // Panache refuses to persist an empty list: only non-empty ones are written.
        return runs.persist(run)
                .chain(() -> made.isEmpty() ? Uni.createFrom().voidItem() : assignments.persist(made))
                .chain(() -> waiting.isEmpty() ? Uni.createFrom().voidItem()
                        : Panache.getSession().chain(s -> s.persistAll(waiting.toArray())))
                .chain(() -> outbox.appendAll(events)).replaceWith(run);
    }

    /** A case as the planner sees it. */
    static AssignmentPlanner.CaseInput input(EvaluationCase c) {
        return new AssignmentPlanner.CaseInput(c.id, c.regionCode, c.unitId, c.firstResponsibleUnitId, c.address,
                c.citizenPhoneMasked);
    }

    /** The active evaluators with room at all, their declarations and this week's loads, as the planner sees them. */
    static List<AssignmentPlanner.EvaluatorInput> pool(List<Evaluator> active, List<EvaluatorConflict> declared,
            Map<UUID, Integer> loads) {
        Map<UUID, List<AssignmentPlanner.Conflict>> conflictsOf = declared.stream().collect(Collectors.groupingBy(
                k -> k.evaluatorId, Collectors.mapping(k -> new AssignmentPlanner.Conflict(
                        AssignmentPlanner.ConflictKind.valueOf(k.kind.name()), k.value), Collectors.toList())));
        return active.stream().filter(e -> e.weeklyCapacity > 0)
                .map(e -> new AssignmentPlanner.EvaluatorInput(e.id, e.regions(), e.weeklyCapacity,
                        loads.getOrDefault(e.id, 0), e.phone, conflictsOf.getOrDefault(e.id, List.of())))
                .toList();
    }

    static Assignment newAssignment(EvaluationCase c, UUID evaluatorId, UUID runId, LocalDate week, int round,
            Instant now, WorkingDays.Deadline deadline) {
        Assignment a = new Assignment();
        a.id = UUID.randomUUID();
        a.tenant = c.tenant;
        a.caseId = c.id;
        a.round = round;
        a.evaluatorId = evaluatorId;
        a.runId = runId;
        a.week = week;
        a.status = Assignment.Status.OPEN;
        a.assignedAt = now;
        a.dueAt = deadline.dueAt();
        a.remindAt = deadline.remindAt();
        a.deadlineBasis = deadline.basis();
        return a;
    }

    private static UnassignedCase unassigned(AssignmentRun run, EvaluationCase c, String reason) {
        UnassignedCase u = new UnassignedCase();
        u.key = new UnassignedCase.Key(run.id, c.id);
        u.reason = reason;
        return u;
    }

    /** A run with the cases it could not assign. */
    public record RunReport(AssignmentRun run, List<UnassignedCase> unassigned) {
    }

    @WithSession
    public Uni<RunReport> report(Scope scope, UUID id) {
        return runs.findScoped(scope, id).chain(run -> {
            if (run == null) {
                throw ProblemException.notFound("assignment-run-not-found", "No assignment run " + id + ".");
            }
            return runs.unassigned(run.id).map(list -> new RunReport(run, list));
        });
    }

    @WithSession
    public Uni<List<AssignmentRun>> list(Scope scope, int page, int size) {
        return runs.listScoped(scope, page, size);
    }
}
