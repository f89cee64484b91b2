package org.hotline.intake.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.hotline.common.problem.ProblemException;
import org.hotline.intake.config.IntakeConfig;
import org.hotline.intake.domain.CallRecord;
import org.hotline.intake.domain.Contact;
import org.hotline.intake.domain.Message;
import org.hotline.intake.domain.SatisfactionSurvey;
import org.hotline.intake.domain.SatisfactionSurvey.Answer;
import org.hotline.intake.repository.ContactRepository;

/**
 * The post-contact satisfaction survey (满意度评分): one answer per contact, recorded with the agent and queue that
 * handled the contact and published as {@code intake.survey.answered} in the same transaction.
 */
@ApplicationScoped
public class SatisfactionSurveys {

    private final ContactRepository contacts;
    private final ContactFacts facts;
    private final IntakeConfig config;

    public SatisfactionSurveys(ContactRepository contacts, ContactFacts facts, IntakeConfig config) {
        this.contacts = contacts;
        this.facts = facts;
        this.config = config;
    }

    /** The survey and whether this request recorded it (false: the same answer was already recorded). */
    public record Recorded(SatisfactionSurvey survey, boolean created) {
    }

    /**
     * Records {@code answer} for the contact: 404 for an unknown (or another province's) contact, the stored survey
     * again for a repeat of the same answer, 409 {@code survey-already-answered} for another answer (the first holds:
     * a citizen rates a contact once).
     */
    public Uni<Recorded> record(UUID contactId, Answer answer, Instant answeredAt, String subject) {
        Instant now = Instant.now();
        Instant at = (answeredAt == null ? now : answeredAt).truncatedTo(ChronoUnit.MILLIS);
        // The gateway's clock, like the switch's, may drift a little; a time far off is a wrong clock or a replay.
        if (at.isAfter(now.plus(config.callEvents().maxAhead()))) {
            throw ProblemException.invalidField("answeredAt", "is in the future (" + answeredAt + ")");
        }
        if (at.isBefore(now.minus(config.callEvents().maxAge()))) {
            throw ProblemException.invalidField("answeredAt", "is more than " + config.callEvents().maxAge().toHours()
                    + " hours in the past (" + answeredAt + "); the gateway sends answers as they are given");
        }
        return Panache.withTransaction(() -> contacts.findById(contactId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("contact-not-found",
                        "No contact " + contactId + "."))
                // The contact's row lock orders two answers given at once: the second sees the first.
                .chain(contact -> SatisfactionSurvey.<SatisfactionSurvey>findById(contactId).chain(existing -> {
                    if (existing != null) {
                        if (existing.answer != answer) {
                            throw ProblemException.conflict("survey-already-answered", "Contact " + contactId
                                    + " was already rated " + existing.answer + " at " + existing.answeredAt
                                    + "; a contact is rated once.");
                        }
                        return Uni.createFrom().item(new Recorded(existing, false));
                    }
                    return newSurvey(contact, answer, at, subject, now)
                            .chain(s -> s.<SatisfactionSurvey>persist())
                            .chain(s -> facts.surveyAnswered(s).replaceWith(new Recorded(s, true)));
                })));
    }

    /** The contact's survey, or 404 when it has none (or is another province's). */
    public Uni<SatisfactionSurvey> find(UUID contactId) {
        return Panache.withSession(() -> SatisfactionSurvey.<SatisfactionSurvey>findById(contactId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("survey-not-found",
                        "Contact " + contactId + " has no survey answer."));
    }

    /** Who handled the contact: its latest answered call's agent and queue; a text contact's category. */
    private static Uni<SatisfactionSurvey> newSurvey(Contact contact, Answer answer, Instant at, String subject,
            Instant now) {
        SatisfactionSurvey s = new SatisfactionSurvey();
        s.contactId = contact.id;
        s.tenant = contact.tenant;
        s.channel = contact.channel;
        s.regionCode = contact.poolingRegionCode;
        s.queueId = contact.poolingRegionCode;
        s.answer = answer;
        s.score = answer.score;
        s.answeredAt = at;
        s.recordedBy = subject;
        s.createdAt = now;
        return CallRecord.<CallRecord>find("contactId = ?1 and answeredAt is not null order by answeredAt desc",
                contact.id).firstResult().chain(call -> {
                    if (call != null) {
                        s.callId = call.callId;
                        s.agentId = call.agentId;
                        s.queueId = call.regionCode != null ? call.regionCode : s.queueId;
                        s.category = call.category;
                        return Uni.createFrom().item(s);
                    }
                    return Message.<Message>find("contactId = ?1 order by createdAt desc", contact.id).firstResult()
                            .map(m -> {
                                s.category = m == null ? null : m.category;
                                return s;
                            });
                });
    }
}
