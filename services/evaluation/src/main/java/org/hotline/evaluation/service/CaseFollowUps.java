package org.hotline.evaluation.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.hotline.evaluation.assignment.AssignmentPlanner;
import org.hotline.evaluation.client.PeerRejectedException;
import org.hotline.evaluation.client.RoutingClient;
import org.hotline.evaluation.config.EvaluationConfig;
import org.hotline.evaluation.domain.Assignment;
import org.hotline.evaluation.domain.EvaluationCase;
import org.hotline.evaluation.domain.RoutingAction;
import org.hotline.evaluation.repository.AssignmentRepository;
import org.hotline.evaluation.repository.CaseRepository;
import org.hotline.evaluation.repository.ConflictRepository;
import org.hotline.evaluation.repository.EvaluatorRepository;
import org.hotline.events.outbox.EventOutbox;

/**
 * What happens to a case between rounds: its details are read from routing once; a case replied after rework goes
 * back to the evaluator of its first round when they still may and can take it (second round), else to another
 * eligible evaluator; a case not replied by its rework deadline is supervised.
 */
@ApplicationScoped
public class CaseFollowUps {

    private final CaseRepository cases;
    private final AssignmentRepository assignments;
    private final EvaluatorRepository evaluators;
    private final CaseActions actions;
    private final RoutingClient routing;
    private final WorkingDays workingDays;
    private final AssignmentRuns runs;
    private final EventOutbox outbox;
    private final EvaluationConfig config;
    private final ConflictRepository conflicts;
    private final EvaluationMetrics metrics;

    public CaseFollowUps(CaseRepository cases, AssignmentRepository assignments, EvaluatorRepository evaluators,
            CaseActions actions, RoutingClient routing, WorkingDays workingDays, AssignmentRuns runs,
            EventOutbox outbox, EvaluationConfig config, ConflictRepository conflicts, EvaluationMetrics metrics) {
        this.conflicts = conflicts;
        this.metrics = metrics;
        this.cases = cases;
        this.assignments = assignments;
        this.evaluators = evaluators;
        this.actions = actions;
        this.routing = routing;
        this.workingDays = workingDays;
        this.runs = runs;
        this.outbox = outbox;
        this.config = config;
    }

    /** Reads title, address and masked phone of new cases from routing (for the evaluator and conflict checks). */
    public Uni<Void> loadDetails() {
        return Panache.withSession(() -> cases.withoutDetails(50)).chain(list -> Multi.createFrom().iterable(list)
                .onItem().transformToUniAndConcatenate(c -> routing.get(c.workOrderId.toString())
                        .chain(order -> Panache.withTransaction(() -> cases.findById(c.id).invoke(x -> {
                            x.title = trim(order.getTitle(), 200);
                            x.address = trim(order.getAddress(), 500);
                            x.citizenPhoneMasked = trim(order.getCitizenPhoneMasked(), 32);
                            x.detailsLoadedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                        })))
                        .onFailure(PeerRejectedException.class).recoverWithUni(f -> Panache.withTransaction(
                                () -> cases.findById(c.id).invoke(x -> x.detailsLoadedAt = Instant.now()))))
                .collect().last().replaceWithVoid()
                .onFailure().recoverWithUni(f -> {
                    Log.infof("Case details from routing delayed: %s", f.getMessage());
                    return Uni.createFrom().voidItem();
                }));
    }

    /**
     * Second rounds: a case replied after rework goes back to the evaluator of its first round, within that
     * evaluator's weekly capacity and conflicts; else to another eligible evaluator, else it waits with the reason.
     */
    public Uni<Void> secondRounds() {
        Instant retryBefore = Instant.now().minus(config.actions().secondRoundRetry());
        return Panache.withSession(() -> cases.reworkReplied(retryBefore, 50)).chain(list -> Multi.createFrom()
                .iterable(list).onItem().transformToUniAndConcatenate(c -> workingDays.deadline(c.tenant,
                        Instant.now(), config.form().deadlineWorkingDays(), config.form().reminderWorkingDaysBefore())
                        .chain(deadline -> Panache.withTransaction(() -> secondRound(c.id, c.tenant, deadline)))
                        .invoke(round -> metrics.assigned(c.tenant, round, round > 0 ? 1 : 0)))
                .collect().last().replaceWithVoid());
    }

    /** Assigns the case's next round under the tenant's run lock; answers the round assigned, 0 when none. */
    private Uni<Integer> secondRound(UUID caseId, String tenant, WorkingDays.Deadline deadline) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        LocalDate week = runs.weekOf(tenant, now);
        // The run lock: a weekly run and a second round never count the same free capacity twice.
        return AssignmentRuns.lock(tenant).chain(() -> cases.findById(caseId)).chain(c -> {
            if (c == null || c.stage != EvaluationCase.Stage.REWORK_REPLIED) {
                return Uni.createFrom().item(0);
            }
            int round = c.round + 1;
            return assignments.ofCaseRound(c.id, c.round).chain(first -> evaluators.active(c.tenant)
                    .chain(active -> conflicts.ofTenant(c.tenant).chain(declared -> assignments.loads(c.tenant, week)
                            .map(loads -> AssignmentPlanner.secondRound(AssignmentRuns.input(c),
                                    first == null ? null : first.evaluatorId,
                                    AssignmentRuns.pool(active, declared, loads),
                                    c.id.getMostSignificantBits() ^ c.id.getLeastSignificantBits())))))
                    .chain(plan -> {
                        UUID evaluatorId = plan.assigned().get(c.id);
                        if (evaluatorId == null) {
                            String reason = plan.unassigned().get(c.id).name();
                            if (!reason.equals(c.unassignedReason)) {
                                Log.warnf("Second round of case %s (tenant %s) not assigned: %s; tried again later",
                                        c.id, c.tenant, reason);
                            }
                            c.unassignedReason = reason;
                            c.updatedAt = now;
                            return Uni.createFrom().item(0);
                        }
                        Assignment a = AssignmentRuns.newAssignment(c, evaluatorId, null, week, round, now, deadline);
                        c.round = round;
                        c.stage = EvaluationCase.Stage.ASSIGNED;
                        c.unassignedReason = null;
                        c.updatedAt = now;
                        return assignments.persist(a)
                                .chain(() -> outbox.append(EvaluationEvents.assignmentMade(a, c)))
                                .replaceWith(round);
                    });
        });
    }

    /** Rework not replied by its new deadline: supervision (督办). */
    public Uni<Void> reworkDeadlines() {
        return Panache.withSession(() -> cases.reworkOverdue(Instant.now(), 50)).chain(list -> Multi.createFrom()
                .iterable(list).onItem().transformToUniAndConcatenate(c -> Panache.withTransaction(
                        () -> cases.findById(c.id).chain(x -> {
                            if (x == null || x.stage != EvaluationCase.Stage.REWORK || x.reworkDueAt == null
                                    || !x.reworkDueAt.isBefore(Instant.now())) {
                                return Uni.createFrom().voidItem();
                            }
                            x.stage = EvaluationCase.Stage.SUPERVISED;
                            x.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                            return actions.request(x, RoutingAction.Kind.SUPERVISE, x.round,
                                    "NOT_REPLIED_AFTER_REWORK", "退回重办后未在期限 " + x.reworkDueAt
                                            + " 前答复 (not replied by the rework deadline)", "evaluation", null);
                        })))
                .collect().last().replaceWithVoid());
    }

    /** Marks reminders of forms due soon (logged without personal data; the list is GET /assignments?dueSoon). */
    public Uni<Void> reminders() {
        return Panache.withTransaction(() -> assignments.remindersDue(Instant.now(), 200).invoke(list -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            for (Assignment a : list) {
                a.remindedAt = now;
                Log.infof("Reminder: evaluation of assignment %s (tenant %s) due %s", a.id, a.tenant, a.dueAt);
            }
        })).replaceWithVoid();
    }

    private static String trim(String s, int max) {
        if (s == null || s.isBlank()) {
            return null;
        }
        return s.length() > max ? s.substring(0, max) : s;
    }

}
