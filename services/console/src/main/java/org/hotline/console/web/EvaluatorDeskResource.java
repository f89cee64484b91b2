package org.hotline.console.web;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hotline.console.client.Service;
import org.hotline.console.client.ServiceCalls;
import org.hotline.console.session.CurrentStaff;
import org.hotline.console.session.Staff;
import org.hotline.console.session.StaffRole.Screen;

/**
 * The evaluator desk (第三方评价): the evaluator's open assignments with deadlines, each case's evaluation form (draft
 * or submit; evaluation applies the rework rule) with knowledge search beside it, and a quick verdict on an order.
 */
@Path("/evaluator")
@Produces(MediaType.TEXT_HTML)
public class EvaluatorDeskResource {

    private final CurrentStaff current;
    private final Pages pages;
    private final ServiceCalls calls;

    public EvaluatorDeskResource(CurrentStaff current, Pages pages, ServiceCalls calls) {
        this.current = current;
        this.pages = pages;
        this.calls = calls;
    }

    @GET
    public Uni<TemplateInstance> desk(@QueryParam("workOrderId") String workOrderId,
            @QueryParam("regionCode") String regionCode) {
        Staff staff = current.require(Screen.EVALUATOR);
        TemplateInstance page = pages.page("evaluator", Screen.EVALUATOR).data("workOrderId", workOrderId)
                .data("regionCode", regionCode);
        // The list has no case titles nor form states: each assignment's detail adds them (a week is a few dozen).
        return calls.get(staff, Service.EVALUATION, "/api/v1/assignments?status=OPEN&size=50")
                .chain(a -> {
                    List<Uni<com.fasterxml.jackson.databind.JsonNode>> details = new java.util.ArrayList<>();
                    a.path("items").forEach(i -> details.add(calls.get(staff, Service.EVALUATION,
                            "/api/v1/assignments/" + i.path("id").asText()).onFailure().recoverWithItem(() -> null)));
                    if (details.isEmpty()) {
                        return Uni.createFrom().item(page.data("assignments", List.of()));
                    }
                    return Uni.join().all(details).andFailFast().map(list -> page.data("assignments",
                            list.stream().filter(java.util.Objects::nonNull).map(pages::data).toList()));
                })
                .onFailure().recoverWithItem(() -> page.data("assignments", null));
    }

    /** One assignment: the case to evaluate, the form (draft or submitted) and the knowledge links. */
    @GET
    @Path("/assignments/{id}")
    public Uni<TemplateInstance> assignment(@PathParam("id") UUID id) {
        Staff staff = current.require(Screen.EVALUATOR);
        TemplateInstance page = pages.page("evaluator-assignment", Screen.EVALUATOR)
                .data("outcomes", List.of("REACHED", "NO_ANSWER", "BUSY", "WRONG_NUMBER", "REFUSED"))
                .data("verdicts", List.of("SATISFIED", "BASICALLY_SATISFIED", "UNSATISFIED"))
                .data("judgements", List.of("YES", "PARTLY", "NO"));
        return calls.get(staff, Service.EVALUATION, "/api/v1/assignments/" + id)
                .map(d -> page.data("detail", pages.data(d)).data("draft", EvaluationDraft.of(d.path("evaluation"))));
    }

    /** Saves the form as a draft ({@code action=draft}) or submits it; evaluation applies the rework rules. */
    @POST
    @Path("/assignments/{id}/evaluation")
    public Uni<TemplateInstance> submit(@PathParam("id") UUID id, @FormParam("action") String action,
            @FormParam("attemptAt") List<String> attemptAt, @FormParam("attemptOutcome") List<String> attemptOutcome,
            @FormParam("articleIds") List<String> articleIds, @FormParam("complainantVerdict") String complainant,
            @FormParam("complaintReasonable") String reasonable, @FormParam("unitPerformedDuty") String duty,
            @FormParam("evaluatorVerdict") String verdict, @FormParam("onSiteVerified") boolean onSite,
            @FormParam("onSiteNote") String onSiteNote, @FormParam("notes") String notes) {
        Staff staff = current.require(Screen.EVALUATOR);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contactAttempts", EvaluationDraft.attempts(attemptAt, attemptOutcome));
        body.put("complainantVerdict", AgentDeskResource.blankToNull(complainant));
        body.put("complaintReasonable", AgentDeskResource.blankToNull(reasonable));
        body.put("unitPerformedDuty", AgentDeskResource.blankToNull(duty));
        body.put("evaluatorVerdict", AgentDeskResource.blankToNull(verdict));
        body.put("onSiteVerified", onSite);
        body.put("onSiteNote", AgentDeskResource.blankToNull(onSiteNote));
        body.put("notes", AgentDeskResource.blankToNull(notes));
        body.put("articleIds", articleIds == null ? List.of()
                : articleIds.stream().filter(a -> !AgentDeskResource.blank(a)).distinct().toList());
        TemplateInstance fragment = pages.fragment("evaluator-submitted").data("draft", "draft".equals(action));
        String path = "/api/v1/assignments/" + id + "/evaluation";
        Uni<com.fasterxml.jackson.databind.JsonNode> call = "draft".equals(action)
                ? calls.put(staff, Service.EVALUATION, path, body)
                : calls.post(staff, Service.EVALUATION, path, body);
        return call.map(e -> fragment.data("evaluation", pages.data(e)));
    }

    /** Submits the evaluator's verdict and score on a handled work order. */
    @POST
    @Path("/evaluations")
    public Uni<TemplateInstance> evaluate(@FormParam("workOrderId") String workOrderId,
            @FormParam("regionCode") String regionCode, @FormParam("verdict") String verdict,
            @FormParam("score") Integer score) {
        Staff staff = current.require(Screen.EVALUATOR);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("workOrderId", AgentDeskResource.blankToNull(workOrderId));
        body.put("regionCode", AgentDeskResource.blankToNull(regionCode));
        body.put("verdict", AgentDeskResource.blankToNull(verdict));
        body.put("score", score);
        TemplateInstance fragment = pages.fragment("evaluator-recorded");
        return calls.post(staff, Service.EVALUATION, "/api/v1/evaluations", body)
                .map(e -> fragment.data("evaluation", pages.data(e)));
    }

    /** Knowledge search beside the form. */
    @GET
    @Path("/search")
    public Uni<TemplateInstance> search(@QueryParam("q") String q, @QueryParam("region") String region) {
        Staff staff = current.require(Screen.EVALUATOR);
        TemplateInstance fragment = pages.fragment("agent-answer").data("q", q).data("answer", null)
                .data("cite", true);
        if (AgentDeskResource.blank(q)) {
            return Uni.createFrom().item(fragment.data("hits", List.of()));
        }
        String query = "q=" + AgentDeskResource.enc(q)
                + (AgentDeskResource.blank(region) ? "" : "&region=" + AgentDeskResource.enc(region));
        return calls.get(staff, Service.KNOWLEDGE, "/api/v1/search?size=10&" + query)
                .map(r -> fragment.data("hits", pages.data(r.path("items"))));
    }
}
