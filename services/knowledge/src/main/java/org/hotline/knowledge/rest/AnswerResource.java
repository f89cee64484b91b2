package org.hotline.knowledge.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hotline.common.security.Roles;
import org.hotline.knowledge.repository.DirectoryContactRepository.Contact;
import org.hotline.knowledge.service.PolicyAnswers;

/** Answers and search for agents, handlers and evaluators: the policy in force in a region on a date. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.AGENT, Roles.HANDLER, Roles.EVALUATOR, Roles.LEADER, Roles.TENANT_ADMIN,
        Roles.PLATFORM_OPERATOR, Roles.SERVICE })
public class AnswerResource {

    private final PolicyAnswers answers;

    public AnswerResource(PolicyAnswers answers) {
        this.answers = answers;
    }

    /** The answer to a question. */
    public record AnswerView(boolean found, double confidence, ArticleHitView article, List<ArticleHitView> alternatives,
            List<Contact> contacts, UUID gapId) {
    }

    /** A page of search results. */
    public record SearchPage(List<ArticleHitView> items, long total, int page, int size) {
    }

    @GET
    @Path("/answers")
    @Operation(summary = "Answer a question",
            description = "The best published article in force in the region at the date (most local scope wins), "
                    + "with confidence, citation and alternatives. Questions without a good answer become knowledge gaps.")
    public Uni<AnswerView> answer(
            @Parameter(description = "The question as asked", example = "我在上海出差得了急性阑尾炎，住院了，能报销吗")
            @QueryParam("q") String q,
            @Parameter(description = "6-digit pooling region", example = "370300") @QueryParam("region") String region,
            @Parameter(description = "UTC ISO 8601 instant or date; empty = now", example = "2026-11-23T08:00:00Z")
            @QueryParam("at") String at,
            @Parameter(description = "Minimum confidence for found=true; 0 = default", example = "0.5")
            @QueryParam("minConfidence") @DefaultValue("0") double minConfidence) {
        return answers.answer(q, region, at, minConfidence, "agent").map(a -> new AnswerView(a.found(), a.confidence(),
                a.best() == null ? null : ArticleHitView.of(a.best()),
                a.alternatives().stream().map(ArticleHitView::of).toList(), a.contacts(), a.gapId()));
    }

    @GET
    @Path("/search")
    @Operation(summary = "Search articles",
            description = "Chinese full-text search (SmartChineseAnalyzer and a synonym list) over published articles "
                    + "in force in the region at the date; matched words are wrapped in <em> in `highlight`.")
    public Uni<SearchPage> search(
            @Parameter(example = "异地就医备案") @QueryParam("q") String q,
            @Parameter(example = "420100") @QueryParam("region") String region,
            @Parameter(example = "2026-11-23T08:00:00Z") @QueryParam("at") String at,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("10") int size) {
        return answers.search(q, region, at, page, size).map(r -> new SearchPage(
                r.items().stream().map(ArticleHitView::of).toList(), r.total(), page, size));
    }
}
