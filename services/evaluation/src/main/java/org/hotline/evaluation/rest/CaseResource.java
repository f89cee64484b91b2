package org.hotline.evaluation.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.hotline.common.security.Roles;
import org.hotline.evaluation.domain.CaseEvaluation;
import org.hotline.evaluation.domain.RoutingAction;
import org.hotline.evaluation.service.CallerScope;
import org.hotline.evaluation.service.Cases;

/** Cases to evaluate (complaints replied in routing) with their rounds and routing actions, for staff. */
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.TENANT_ADMIN, Roles.LEADER, Roles.PLATFORM_OPERATOR })
public class CaseResource {

    private final Cases cases;
    private final CallerScope caller;

    public CaseResource(Cases cases, CallerScope caller) {
        this.cases = cases;
        this.caller = caller;
    }

    /** One round's evaluation in a case's history. */
    public record RoundView(UUID evaluationId, UUID assignmentId, int round, String status, String complainantVerdict,
            String evaluatorVerdict, String complaintReasonable, String unitPerformedDuty, String outcome,
            Instant submittedAt) {

        static RoundView of(CaseEvaluation f) {
            return new RoundView(f.id, f.assignmentId, f.round, f.status, f.complainantVerdict, f.evaluatorVerdict,
                    f.complaintReasonable, f.unitPerformedDuty, f.outcome, f.submittedAt);
        }
    }

    /** A request to routing and where it stands. */
    public record ActionView(UUID id, String kind, int round, String trigger, String status, int attempts,
            Instant nextAttemptAt, String lastError, Instant createdAt, Instant doneAt) {

        static ActionView of(RoutingAction a) {
            return new ActionView(a.id, a.kind.name(), a.round, a.trigger, a.status.name(), a.attempts,
                    a.nextAttemptAt, a.lastError, a.createdAt, a.doneAt);
        }
    }

    /** A case with its history. */
    public record CaseHistoryView(AssignmentResource.CaseView caseToEvaluate, List<RoundView> evaluations,
            List<ActionView> routingActions) {
    }

    /** A page of cases. */
    public record CasePage(List<AssignmentResource.CaseView> items, long total, int page, int size) {
    }

    @GET
    @Operation(summary = "List cases of your tenant", description = "Filter by workOrderId or stage (NEW, ASSIGNED, "
            + "EVALUATED, REWORK, REWORK_REPLIED, SUPERVISED).")
    public Uni<CasePage> list(@QueryParam("workOrderId") UUID workOrderId, @QueryParam("stage") String stage,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        Paging.check(page, size);
        return cases.list(caller.scope(), workOrderId, stage, page, size).map(p -> new CasePage(
                p.items().stream().map(AssignmentResource.CaseView::of).toList(), p.total(), p.page(), p.size()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A case with both rounds' evaluations and the actions sent to routing")
    public Uni<CaseHistoryView> get(@PathParam("id") UUID id) {
        return cases.history(caller.scope(), id).map(h -> new CaseHistoryView(
                AssignmentResource.CaseView.of(h.evaluationCase()),
                h.evaluations().stream().map(RoundView::of).toList(),
                h.actions().stream().map(ActionView::of).toList()));
    }
}
