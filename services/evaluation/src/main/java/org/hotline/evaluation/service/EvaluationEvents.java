package org.hotline.evaluation.service;

import java.time.Instant;
import java.util.UUID;
import org.hotline.contracts.evaluation.v1.AssignmentMade;
import org.hotline.contracts.evaluation.v1.EvaluationOutcome;
import org.hotline.contracts.evaluation.v1.EvaluationSubmitted;
import org.hotline.contracts.evaluation.v1.Judgement;
import org.hotline.contracts.evaluation.v1.ReworkRequested;
import org.hotline.contracts.evaluation.v1.SupervisionRequested;
import org.hotline.contracts.evaluation.v1.Verdict;
import org.hotline.evaluation.domain.Assignment;
import org.hotline.evaluation.domain.CaseEvaluation;
import org.hotline.evaluation.domain.EvaluationCase;
import org.hotline.evaluation.domain.RoutingAction;
import org.hotline.events.outbox.NewEvent;

/** Builds the typed events of evaluation's feed (payloads in {@code hotline/evaluation/v1/evaluation_events.proto}). */
public final class EvaluationEvents {

    public static final String ASSIGNMENT_MADE = "evaluation.assignment.made";
    public static final String EVALUATION_SUBMITTED = "evaluation.evaluation.submitted";
    public static final String REWORK_REQUESTED = "evaluation.rework.requested";
    public static final String SUPERVISION_REQUESTED = "evaluation.supervision.requested";
    public static final String HEARING_ITEM_DECIDED = "evaluation.hearing-item.decided";
    public static final String AUDIT_CALL_SCORED = "evaluation.audit-call.scored";

    private EvaluationEvents() {
    }

    static NewEvent assignmentMade(Assignment a, EvaluationCase c) {
        AssignmentMade.Builder b = AssignmentMade.newBuilder().setAssignmentId(a.id.toString())
                .setCaseId(c.id.toString()).setWorkOrderId(c.workOrderId.toString())
                .setEvaluatorId(a.evaluatorId.toString()).setWeek(a.week.toString()).setRound(a.round)
                .setRegionCode(c.regionCode).setCategory(c.category).setDueAt(a.dueAt.toString())
                .setAssignedAt(a.assignedAt.toString());
        if (a.runId != null) {
            b.setRunId(a.runId.toString());
        }
        if (c.unitId != null) {
            b.setUnitId(c.unitId.toString());
        }
        return new NewEvent(UUID.randomUUID(), ASSIGNMENT_MADE, a.tenant, a.id.toString(), a.assignedAt, 1, b.build());
    }

    static NewEvent evaluationSubmitted(CaseEvaluation e, Assignment a, EvaluationCase c, String counted,
            boolean counts) {
        EvaluationSubmitted.Builder b = EvaluationSubmitted.newBuilder().setEvaluationId(e.id.toString())
                .setAssignmentId(a.id.toString()).setCaseId(c.id.toString())
                .setWorkOrderId(c.workOrderId.toString()).setEvaluatorId(a.evaluatorId.toString())
                .setRound(e.round).setComplainantVerdict(verdict(counted))
                .setEvaluatorVerdict(verdict(e.evaluatorVerdict))
                .setComplaintReasonable(judgement(e.complaintReasonable))
                .setUnitPerformedDuty(judgement(e.unitPerformedDuty)).setCounts(counts)
                .setOnSiteVerified(e.onSiteVerified).setComplainantReached(e.complainantVerdict != null)
                .setLate(e.submittedAt.isAfter(a.dueAt)).setOutcome(EvaluationOutcome.valueOf(e.outcome))
                .setRegionCode(c.regionCode).setCategory(c.category).setSubmittedAt(e.submittedAt.toString());
        if (c.unitId != null) {
            b.setUnitId(c.unitId.toString());
        }
        if (c.poolingRegionCode != null) {
            b.setPoolingRegionCode(c.poolingRegionCode);
        }
        if (c.callbackSatisfaction != null) {
            b.setCallbackSatisfaction(c.callbackSatisfaction);
        }
        return new NewEvent(UUID.randomUUID(), EVALUATION_SUBMITTED, e.tenant, e.id.toString(), e.submittedAt, 1,
                b.build());
    }

    static NewEvent actionRequested(RoutingAction action, EvaluationCase c, UUID evaluationId) {
        Instant at = action.createdAt;
        String unit = c.unitId == null ? "" : c.unitId.toString();
        String evaluation = evaluationId == null ? "" : evaluationId.toString();
        if (action.kind == RoutingAction.Kind.REOPEN) {
            return new NewEvent(UUID.randomUUID(), REWORK_REQUESTED, action.tenant, c.workOrderId.toString(), at, 1,
                    ReworkRequested.newBuilder().setActionId(action.id.toString())
                            .setWorkOrderId(c.workOrderId.toString()).setCaseId(c.id.toString())
                            .setEvaluationId(evaluation).setUnitId(unit).setRegionCode(c.regionCode)
                            .setCategory(c.category).setReason(action.reason).setTrigger(action.trigger)
                            .setRequestedAt(at.toString()).build());
        }
        return new NewEvent(UUID.randomUUID(), SUPERVISION_REQUESTED, action.tenant, c.workOrderId.toString(), at, 1,
                SupervisionRequested.newBuilder().setActionId(action.id.toString())
                        .setWorkOrderId(c.workOrderId.toString()).setCaseId(c.id.toString())
                        .setEvaluationId(evaluation).setUnitId(unit).setRegionCode(c.regionCode)
                        .setCategory(c.category).setReason(action.reason).setTrigger(action.trigger)
                        .setRequestedAt(at.toString()).build());
    }

    static Verdict verdict(String v) {
        return v == null ? Verdict.VERDICT_UNSPECIFIED : Verdict.valueOf(v);
    }

    static Judgement judgement(String j) {
        return j == null ? Judgement.JUDGEMENT_UNSPECIFIED : Judgement.valueOf(j);
    }
}
