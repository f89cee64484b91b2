package org.hotline.evaluation.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.hotline.evaluation.client.PeerRejectedException;
import org.hotline.evaluation.client.RoutingClient;
import org.hotline.evaluation.config.EvaluationConfig;
import org.hotline.evaluation.domain.Assignment;
import org.hotline.evaluation.domain.EvaluationCase;
import org.hotline.evaluation.domain.Evaluator;
import org.hotline.evaluation.domain.RoutingAction;
import org.hotline.evaluation.repository.AssignmentRepository;
import org.hotline.evaluation.repository.CaseRepository;
import org.hotline.evaluation.repository.EvaluatorRepository;
import org.hotline.events.outbox.EventOutbox;

/**
 * What happens to a case between rounds: its details are read from routing once; a case replied after rework goes
 * back to the evaluator of its first round (second round); a case not replied by its rework deadline is supervised.
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

    public CaseFollowUps(CaseRepository cases, AssignmentRepository assignments, EvaluatorRepository evaluators,
            CaseActions actions, RoutingClient routing, WorkingDays workingDays, AssignmentRuns runs,
            EventOutbox outbox, EvaluationConfig config) {
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

    /** Second rounds: a case replied after rework goes back to the evaluator of its first round. */
    public Uni<Void> secondRounds() {
        return Panache.withSession(() -> cases.reworkReplied(50)).chain(list -> Multi.createFrom().iterable(list)
                .onItem().transformToUniAndConcatenate(c -> workingDays.deadline(c.tenant, Instant.now(),
                        config.form().deadlineWorkingDays(), config.form().reminderWorkingDaysBefore())
                        .chain(deadline -> Panache.withTransaction(() -> secondRound(c.id, deadline))))
                .collect().last().replaceWithVoid());
    }

    private Uni<Void> secondRound(UUID caseId, WorkingDays.Deadline deadline) {
        return cases.findById(caseId).chain(c -> {
            if (c == null || c.stage != EvaluationCase.Stage.REWORK_REPLIED) {
                return Uni.createFrom().voidItem();
            }
            int round = c.round + 1;
            return assignments.ofCaseRound(c.id, c.round).chain(first -> evaluatorFor(c, first))
                    .chain(evaluatorId -> {
                        if (evaluatorId == null) {
                            Log.warnf("No evaluator for the second round of case %s; left for the weekly run", c.id);
                            return Uni.createFrom().voidItem();
                        }
                        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                        Assignment a = AssignmentRuns.newAssignment(c, evaluatorId, null, runs.weekOf(c.tenant, now),
                                round, now, deadline);
                        c.round = round;
                        c.stage = EvaluationCase.Stage.ASSIGNED;
                        c.updatedAt = now;
                        return assignments.persist(a)
                                .chain(() -> outbox.append(EvaluationEvents.assignmentMade(a, c)));
                    });
        });
    }

    /** The first round's evaluator unless retired; else any active evaluator of the tenant covering the region. */
    private Uni<UUID> evaluatorFor(EvaluationCase c, Assignment first) {
        Uni<Evaluator> previous = first == null ? Uni.createFrom().nullItem() : evaluators.findById(first.evaluatorId);
        return previous.chain(e -> {
            if (e != null && e.status != Evaluator.Status.RETIRED) {
                return Uni.createFrom().item(e.id);
            }
            return evaluators.active(c.tenant).map(list -> list.stream()
                    .filter(x -> first == null || !x.id.equals(first.evaluatorId))
                    .filter(x -> org.hotline.evaluation.assignment.AssignmentPlanner.covers(x.regions(), c.regionCode))
                    .map(x -> x.id).findFirst().orElse(null));
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
