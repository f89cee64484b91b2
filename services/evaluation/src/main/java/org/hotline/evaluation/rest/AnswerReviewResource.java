package org.hotline.evaluation.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.evaluation.domain.AnswerReview;
import org.hotline.evaluation.service.AnswerReviews;
import org.hotline.evaluation.service.CallerScope;

/** Quality sampling of agents' answers (质检): whether an answer was accurate, for 解答准确率. */
@Path("/api/v1/answer-reviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AnswerReviewResource {

    private final AnswerReviews reviews;
    private final CallerScope caller;

    public AnswerReviewResource(AnswerReviews reviews, CallerScope caller) {
        this.reviews = reviews;
        this.caller = caller;
    }

    /** A review as shown (the reviewer's note included: it is never published on the feed). */
    public record ReviewView(UUID id, String tenant, UUID contactId, String callId, String agentId, String queueId,
            String channel, String category, boolean accurate, String expectedArticleId, String note,
            String reviewer, Instant reviewedAt) {

        static ReviewView of(AnswerReview r) {
            return new ReviewView(r.id, r.tenant, r.contactId, r.callId, r.agentId, r.queueId, r.channel, r.category,
                    r.accurate, r.expectedArticleId, r.note, r.reviewer, r.reviewedAt);
        }
    }

    @POST
    @RolesAllowed({ Roles.EVALUATOR, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Record whether an agent's answer to a contact was accurate",
            description = "One review per contact and tenant: the same review again answers 200 with the stored one, "
                    + "another verdict is 409 answer-already-reviewed. Published as evaluation.answer.reviewed "
                    + "(without the note).")
    @APIResponse(responseCode = "201", description = "Recorded")
    @APIResponse(responseCode = "400", description = "Missing contactId, agentId or accurate, or a malformed field")
    @APIResponse(responseCode = "409", description = "The contact was already reviewed otherwise")
    public Uni<Response> record(AnswerReviews.ReviewBody body, @Context UriInfo uri) {
        String tenant = caller.tenantFor(body == null ? null : body.tenant(), "tenant");
        return reviews.record(tenant, caller.subject(), body).map(r -> {
            ReviewView v = ReviewView.of(r.review());
            return (r.created() ? Response.created(uri.getAbsolutePathBuilder().path(v.id().toString()).build())
                    .entity(v) : Response.ok(v)).build();
        });
    }

    @GET
    @RolesAllowed({ Roles.EVALUATOR, Roles.TENANT_ADMIN, Roles.LEADER, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Answer reviews of your tenant (an evaluator: their own), newest first")
    public Uni<List<ReviewView>> list(@QueryParam("agentId") String agentId,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        Paging.check(page, size);
        return reviews.list(caller.scope(), agentId, page, size).map(l -> l.stream().map(ReviewView::of).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.EVALUATOR, Roles.TENANT_ADMIN, Roles.LEADER, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "One answer review")
    public Uni<ReviewView> get(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("answer-review-not-found", "No answer review " + id + ".");
        }
        return reviews.get(caller.scope(), uuid).map(ReviewView::of);
    }
}
