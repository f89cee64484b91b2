package org.hotline.intake.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.common.security.TenantContext;
import org.hotline.intake.domain.SatisfactionSurvey;
import org.hotline.intake.domain.SatisfactionSurvey.Answer;
import org.hotline.intake.service.SatisfactionSurveys;
import org.jboss.resteasy.reactive.RestResponse;

/** The post-contact satisfaction survey (满意度评分) of a contact, answered through the IVR or a channel's gateway. */
@Path("/api/v1/contacts/{id}/survey")
@Produces(MediaType.APPLICATION_JSON)
public class SurveyResource {

    /** The scale's words as the IVR and the gateways may send them (English names or the Chinese words). */
    private static final Map<String, Answer> ANSWERS = Map.of("SATISFIED", Answer.SATISFIED, "满意", Answer.SATISFIED,
            "BASICALLY_SATISFIED", Answer.BASICALLY_SATISFIED, "基本满意", Answer.BASICALLY_SATISFIED,
            "UNSATISFIED", Answer.UNSATISFIED, "不满意", Answer.UNSATISFIED);

    private final SatisfactionSurveys surveys;
    private final TenantContext tenants;

    public SurveyResource(SatisfactionSurveys surveys, TenantContext tenants) {
        this.surveys = surveys;
        this.tenants = tenants;
    }

    /** A citizen's answer. */
    @Schema(name = "SurveyAnswer", example = "{\"answer\":\"SATISFIED\",\"answeredAt\":\"2026-11-23T02:06:00Z\"}")
    public record SurveyAnswer(
            @Schema(description = "SATISFIED (满意), BASICALLY_SATISFIED (基本满意) or UNSATISFIED (不满意)")
            String answer,
            @Schema(description = "When the citizen answered (UTC); now when absent") Instant answeredAt) {
    }

    /** A recorded answer with who handled the contact. */
    public record SurveyView(UUID contactId, String tenant, String callId, String agentId, String queueId,
            String channel, String category, String answer, int score, Instant answeredAt) {

        static SurveyView of(SatisfactionSurvey s) {
            return new SurveyView(s.contactId, s.tenant, s.callId, s.agentId, s.queueId, s.channel.name(),
                    s.category == null ? null : s.category.name(), s.answer.name(), s.score, s.answeredAt);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SERVICE, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Record the citizen's satisfaction answer for a contact (IVR or channel gateway)",
            description = "Three-level scale, scored 满意 100, 基本满意 80, 不满意 0. Once per contact: the same answer "
                    + "again answers 200 with the stored survey; another answer is 409 survey-already-answered. "
                    + "Published as intake.survey.answered with the agent and queue of the contact's latest answered "
                    + "call.")
    @APIResponse(responseCode = "201", description = "Recorded")
    @APIResponse(responseCode = "200", description = "The same answer was already recorded")
    @APIResponse(responseCode = "400", description = "Unknown answer or a future answeredAt")
    @APIResponse(responseCode = "404", description = "No such contact (or another province's)")
    @APIResponse(responseCode = "409", description = "The contact was already rated with another answer")
    public Uni<RestResponse<SurveyView>> answer(@PathParam("id") String id,
            @NotNull(message = "a JSON body is required") SurveyAnswer body, UriInfo uri) {
        UUID contactId = parse(id);
        Answer answer = body.answer() == null ? null : ANSWERS.get(body.answer().trim());
        if (answer == null) {
            throw ProblemException.invalidField("answer",
                    "is one of SATISFIED (满意), BASICALLY_SATISFIED (基本满意), UNSATISFIED (不满意)");
        }
        return surveys.record(contactId, answer, body.answeredAt(), tenants.subject()).map(r -> r.created()
                ? RestResponse.ResponseBuilder.<SurveyView>created(uri.getAbsolutePath())
                        .entity(SurveyView.of(r.survey())).build()
                : RestResponse.ok(SurveyView.of(r.survey())));
    }

    @GET
    @RolesAllowed({ Roles.SERVICE, Roles.AGENT, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.LEADER })
    @Operation(summary = "The contact's survey answer")
    @APIResponse(responseCode = "404", description = "No answer yet, or no such contact")
    public Uni<SurveyView> get(@PathParam("id") String id) {
        UUID contactId = parse(id);
        return surveys.find(contactId).map(s -> {
            Visibility.require(tenants, s.tenant, "survey-not-found", "survey of contact " + id);
            return SurveyView.of(s);
        });
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("contact-not-found", "No contact " + id + ".");
        }
    }
}
