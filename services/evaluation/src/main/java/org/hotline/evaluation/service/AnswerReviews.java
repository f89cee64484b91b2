package org.hotline.evaluation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hotline.common.problem.ProblemException;
import org.hotline.contracts.evaluation.v1.AnswerReviewed;
import org.hotline.evaluation.domain.AnswerReview;
import org.hotline.evaluation.repository.Scope;
import org.hotline.events.outbox.EventOutbox;
import org.hotline.events.outbox.NewEvent;

/**
 * Quality sampling of agents' answers (质检): a reviewer records whether the agent's answer to a contact was
 * accurate; published as {@code evaluation.answer.reviewed} for 解答准确率 in appraisal. One verdict per contact and
 * tenant: the same verdict again is a replay, another verdict is 409 (a correction is a new contact's review, never
 * a silent change of a published figure).
 */
@ApplicationScoped
public class AnswerReviews {

    public static final String ANSWER_REVIEWED = "evaluation.answer.reviewed";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");
    private static final List<String> CHANNELS = List.of("PHONE", "WEB", "APP", "WECHAT", "OPEN311");
    private static final List<String> CATEGORIES = List.of("POLICY_ANSWER", "DATA_LOOKUP", "ONLINE_PRE_REVIEW",
            "FEEDBACK", "OPINION");

    private final EventOutbox outbox;

    public AnswerReviews(EventOutbox outbox) {
        this.outbox = outbox;
    }

    /** A review as recorded by a quality reviewer. */
    public record ReviewBody(@Schema(description = "Only a national caller gives it", example = "37") String tenant,
            @Schema(description = "Intake's contact id") String contactId,
            @Schema(example = "call-20261123-0001") String callId,
            @Schema(description = "Staff id of the agent whose answer is reviewed", example = "a-1001") String agentId,
            @Schema(description = "Queue the contact was answered in (6 digits)", example = "370300") String queueId,
            @Schema(enumeration = { "PHONE", "WEB", "APP", "WECHAT", "OPEN311" }) String channel,
            @Schema(enumeration = { "POLICY_ANSWER", "DATA_LOOKUP", "ONLINE_PRE_REVIEW", "FEEDBACK", "OPINION" })
            String category,
            @Schema(description = "Whether the answer was accurate (解答准确)") Boolean accurate,
            @Schema(description = "Knowledge article that should have been used") String expectedArticleId,
            @Schema(description = "Reviewer's note (kept in evaluation, not published)") String note) {
    }

    /** The review and whether this request recorded it. */
    public record Recorded(AnswerReview review, boolean created) {
    }

    @WithTransaction
    public Uni<Recorded> record(String tenant, String reviewer, ReviewBody body) {
        if (body == null) {
            throw ProblemException.invalidField("body", "is required");
        }
        AnswerReview r = new AnswerReview();
        r.id = UUID.randomUUID();
        r.tenant = tenant;
        r.contactId = uuid("contactId", body.contactId());
        r.callId = id("callId", body.callId(), false);
        r.agentId = id("agentId", body.agentId(), true);
        r.queueId = body.queueId() == null || body.queueId().isBlank() ? null
                : FieldChecks.region("queueId", body.queueId());
        r.channel = oneOf("channel", body.channel(), CHANNELS);
        r.category = oneOf("category", body.category(), CATEGORIES);
        if (body.accurate() == null) {
            throw ProblemException.invalidField("accurate", "is required: true or false");
        }
        r.accurate = body.accurate();
        r.expectedArticleId = id("expectedArticleId", body.expectedArticleId(), false);
        r.note = FieldChecks.text("note", body.note(), 2000, false);
        r.reviewer = reviewer;
        r.reviewedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return AnswerReview.<AnswerReview>find("tenant = ?1 and contactId = ?2", tenant, r.contactId).firstResult()
                .chain(existing -> {
                    if (existing != null) {
                        if (!same(existing, r)) {
                            throw ProblemException.conflict("answer-already-reviewed", "Contact " + r.contactId
                                    + " was already reviewed (review " + existing.id + ", accurate="
                                    + existing.accurate + "); one review per contact.");
                        }
                        return Uni.createFrom().item(new Recorded(existing, false));
                    }
                    return r.<AnswerReview>persist().chain(saved -> outbox.append(reviewed(saved))
                            .replaceWith(new Recorded(saved, true)));
                });
    }

    @WithSession
    public Uni<AnswerReview> get(Scope scope, UUID id) {
        return AnswerReview.<AnswerReview>findById(id).map(r -> {
            if (r == null || !scope.sees(r.tenant)
                    || (scope.evaluatorSubject() != null && !scope.evaluatorSubject().equals(r.reviewer))) {
                throw ProblemException.notFound("answer-review-not-found", "No answer review " + id + ".");
            }
            return r;
        });
    }

    /** Reviews the caller sees, newest first, optionally of one agent. */
    @WithSession
    public Uni<List<AnswerReview>> list(Scope scope, String agentId, int page, int size) {
        StringBuilder q = new StringBuilder("1 = 1");
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        if (scope.tenant() != null) {
            q.append(" and tenant = :tenant");
            p.put("tenant", scope.tenant());
        }
        if (scope.evaluatorSubject() != null) {
            q.append(" and reviewer = :reviewer");
            p.put("reviewer", scope.evaluatorSubject());
        }
        if (agentId != null && !agentId.isBlank()) {
            q.append(" and agentId = :agent");
            p.put("agent", agentId);
        }
        return AnswerReview.<AnswerReview>find(q + " order by reviewedAt desc, id", p).page(Page.of(page, size))
                .list();
    }

    private static boolean same(AnswerReview a, AnswerReview b) {
        return a.accurate == b.accurate && a.agentId.equals(b.agentId) && Objects.equals(a.callId, b.callId)
                && Objects.equals(a.expectedArticleId, b.expectedArticleId);
    }

    static NewEvent reviewed(AnswerReview r) {
        AnswerReviewed.Builder b = AnswerReviewed.newBuilder().setReviewId(r.id.toString())
                .setContactId(r.contactId.toString()).setAgentId(r.agentId).setAccurate(r.accurate)
                .setReviewedAt(r.reviewedAt.toString());
        if (r.callId != null) {
            b.setCallId(r.callId);
        }
        if (r.queueId != null) {
            b.setQueueId(r.queueId);
        }
        if (r.channel != null) {
            b.setChannel(r.channel);
        }
        if (r.category != null) {
            b.setCategory(r.category);
        }
        if (r.expectedArticleId != null) {
            b.setExpectedArticleId(r.expectedArticleId);
        }
        return new NewEvent(UUID.randomUUID(), ANSWER_REVIEWED, r.tenant, r.id.toString(), r.reviewedAt, 1, b.build());
    }

    private static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(Objects.requireNonNull(value));
        } catch (RuntimeException e) {
            throw ProblemException.invalidField(field, "is required: intake's contact id (a UUID)");
        }
    }

    private static String id(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw ProblemException.invalidField(field, "is required");
            }
            return null;
        }
        if (!ID.matcher(value).matches()) {
            throw ProblemException.invalidField(field, "1 to 64 letters, digits and . _ : - only");
        }
        return value;
    }

    private static String oneOf(String field, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!allowed.contains(value)) {
            throw ProblemException.invalidField(field, "one of " + allowed);
        }
        return value;
    }
}
