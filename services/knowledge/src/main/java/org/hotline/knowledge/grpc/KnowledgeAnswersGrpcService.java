package org.hotline.knowledge.grpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import org.hotline.common.grpc.ProblemStatus;
import org.hotline.common.security.Roles;
import org.hotline.contracts.knowledge.v1.AnswerAlternative;
import org.hotline.contracts.knowledge.v1.AnswerReply;
import org.hotline.contracts.knowledge.v1.AnswerRequest;
import org.hotline.contracts.knowledge.v1.Citation;
import org.hotline.contracts.knowledge.v1.InstitutionContact;
import org.hotline.contracts.knowledge.v1.KnowledgeAnswers;
import org.hotline.contracts.knowledge.v1.SearchHit;
import org.hotline.contracts.knowledge.v1.SearchReply;
import org.hotline.contracts.knowledge.v1.SearchRequest;
import org.hotline.knowledge.service.PolicyAnswers;
import org.hotline.knowledge.service.RankedArticle;

/** Serves answers and search to intake's automatic answers and to agents' desktops over gRPC. */
@GrpcService
@RolesAllowed({ Roles.SERVICE, Roles.AGENT, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
public class KnowledgeAnswersGrpcService implements KnowledgeAnswers {

    private final PolicyAnswers answers;

    public KnowledgeAnswersGrpcService(PolicyAnswers answers) {
        this.answers = answers;
    }

    @Override
    public Uni<AnswerReply> answer(AnswerRequest request) {
        return Uni.createFrom().deferred(() -> answers.answer(request.getQuestion(), request.getRegionCode(),
                        request.getAt(), request.getMinConfidence(), request.getChannel()))
                .map(a -> {
                    AnswerReply.Builder reply = AnswerReply.newBuilder().setFound(a.found()).setConfidence(a.confidence())
                            .setNormalisedQuestion(nullToEmpty(a.normalisedQuestion())).setMode(a.mode().name())
                            .setClarifyingQuestion(nullToEmpty(a.clarifyingQuestion()));
                    if (a.best() != null) {
                        var v = a.best().version();
                        reply.setArticleId(a.best().article().id().toString()).setTitle(v.title())
                                .setAnswer(v.answer()).setVersion(v.version())
                                .setScopeRegionCode(a.best().article().scope())
                                .setEffectiveFrom(v.effectiveFrom().toString()).setTopic(v.topic())
                                .setService(v.service());
                        if (v.citationName() != null) {
                            reply.addCitations(Citation.newBuilder().setDocumentName(v.citationName())
                                    .setDocumentNumber(nullToEmpty(v.citationNumber()))
                                    .setUrl(nullToEmpty(v.citationUrl())));
                        }
                    }
                    for (RankedArticle alt : a.alternatives()) {
                        reply.addAlternatives(AnswerAlternative.newBuilder().setArticleId(alt.article().id().toString())
                                .setTitle(alt.version().title()).setConfidence(alt.confidence())
                                .setScopeRegionCode(alt.article().scope()));
                    }
                    a.contacts().forEach(c -> reply.addContacts(InstitutionContact.newBuilder()
                            .setInstitutionId(c.institutionId().toString()).setInstitutionName(c.institutionName())
                            .setPhone(c.phone()).setHours(nullToEmpty(c.hours()))));
                    if (a.gapId() != null) {
                        reply.setGapId(a.gapId().toString());
                    }
                    return reply.build();
                })
                .onFailure().transform(ProblemStatus::toStatus);
    }

    @Override
    public Uni<SearchReply> search(SearchRequest request) {
        int size = request.getSize() == 0 ? 10 : request.getSize();
        return Uni.createFrom().deferred(() -> answers.search(request.getQuery(), request.getRegionCode(),
                        request.getAt(), request.getPage(), size))
                .map(r -> {
                    SearchReply.Builder reply = SearchReply.newBuilder().setTotal(r.total());
                    for (RankedArticle a : r.items()) {
                        reply.addHits(SearchHit.newBuilder().setArticleId(a.article().id().toString())
                                .setTitle(a.version().title()).setHighlight(nullToEmpty(a.highlight()))
                                .setScore(a.score()).setScopeRegionCode(a.article().scope())
                                .setTopic(a.version().topic()).setService(a.version().service())
                                .setVersion(a.version().version()));
                    }
                    return reply.build();
                })
                .onFailure().transform(ProblemStatus::toStatus);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
