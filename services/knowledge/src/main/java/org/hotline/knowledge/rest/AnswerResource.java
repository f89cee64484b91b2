package org.hotline.knowledge.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
            List<Contact> contacts, UUID gapId,
            @Schema(description = "The question as the search read it: colloquial words rewritten, homophone typos "
                    + "corrected", example = "异地就医怎么备案") String normalisedQuestion,
            @Schema(description = "ANSWER: the article answers the question; CHOICES: the question named only a topic, "
                    + "the article is the topic's most asked and the alternatives are choices to offer; NOT_FOUND",
                    example = "ANSWER") String mode,
            @Schema(description = "With CHOICES: the question to put to the caller") String clarifyingQuestion) {
    }

    /** A page of search results. */
    public record SearchPage(List<ArticleHitView> items, long total, int page, int size,
            @Schema(description = "The query as the search read it") String normalisedQuery) {
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
            @QueryParam("minConfidence") String minConfidence) {
        return answers.answer(q, region, at, QueryValues.decimal("minConfidence", minConfidence, 0), "agent").map(a -> new AnswerView(a.found(), a.confidence(),
                a.best() == null ? null : ArticleHitView.of(a.best()),
                a.alternatives().stream().map(ArticleHitView::of).toList(), a.contacts(), a.gapId(),
                a.normalisedQuestion(), a.mode().name(), a.clarifyingQuestion()));
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
            @QueryParam("page") String pageParam,
            @QueryParam("size") String sizeParam) {
        int page = QueryValues.integer("page", pageParam, 0);
        int size = QueryValues.integer("size", sizeParam, 10);
        return answers.search(q, region, at, page, size).map(r -> new SearchPage(
                r.items().stream().map(ArticleHitView::of).toList(), r.total(), page, size, r.normalisedQuery()));
    }
}
