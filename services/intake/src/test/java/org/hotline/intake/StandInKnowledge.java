package org.hotline.intake;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hotline.contracts.knowledge.v1.AnswerReply;
import org.hotline.contracts.knowledge.v1.AnswerRequest;
import org.hotline.contracts.knowledge.v1.Citation;
import org.hotline.contracts.knowledge.v1.KnowledgeAnswers;
import org.hotline.contracts.knowledge.v1.SearchReply;
import org.hotline.contracts.knowledge.v1.SearchRequest;

/** Knowledge's answers as a stand-in: it knows cross-province care registration only; switch it off for an outage. */
@GrpcService
@RolesAllowed("service")
public class StandInKnowledge implements KnowledgeAnswers {

    /** While true, every call fails as an unreachable knowledge would. */
    public static final AtomicBoolean DOWN = new AtomicBoolean();

    @Override
    public Uni<AnswerReply> answer(AnswerRequest request) {
        if (DOWN.get()) {
            return Uni.createFrom().failure(Status.UNAVAILABLE.withDescription("knowledge is down")
                    .asRuntimeException());
        }
        String q = request.getQuestion();
        if (q.contains("异地就医") && q.contains("备案")) {
            return Uni.createFrom().item(AnswerReply.newBuilder().setFound(true).setConfidence(0.92)
                    .setArticleId(UUID.nameUUIDFromBytes("kb-cross-province".getBytes()).toString())
                    .setTitle("跨省异地就医直接结算备案")
                    .setAnswer("参保人可通过国家医保服务平台App、国务院客户端小程序或参保地经办机构办理跨省异地就医备案。")
                    .addCitations(Citation.newBuilder().setDocumentName("关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知")
                            .setDocumentNumber("医保发〔2022〕22号").setUrl("https://www.nhsa.gov.cn/art/2022/7/26/art_104_8738.html"))
                    .setService("POLICY_ANSWER").setTopic("异地就医").build());
        }
        return Uni.createFrom().item(AnswerReply.newBuilder().setFound(false).setConfidence(0.12)
                .setGapId(UUID.randomUUID().toString()).build());
    }

    @Override
    public Uni<SearchReply> search(SearchRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }
}
