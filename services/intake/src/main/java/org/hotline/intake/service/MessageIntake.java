package org.hotline.intake.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.hotline.common.phone.PhoneNumber;
import org.hotline.common.problem.ProblemException;
import org.hotline.intake.domain.Channel;
import org.hotline.intake.domain.Contact;
import org.hotline.intake.domain.HandOff;
import org.hotline.intake.domain.Message;
import org.hotline.common.category.ServiceCategory;
import org.hotline.intake.repository.HandOffRepository;
import org.hotline.intake.repository.MessageRepository;
import org.hotline.intake.rest.ContactRequest;
import org.hotline.intake.rest.MessageRequest;

/**
 * Text messages: registered as contacts, categorised, answered automatically at any hour when knowledge is confident,
 * otherwise (or with knowledge down) handed to a department as a work order with a query code: never an error.
 */
@ApplicationScoped
public class MessageIntake {

    private final ContactRegistration registration;
    private final ContactCategories categories;
    private final AutomaticAnswers answers;
    private final HandOffs handOffs;
    private final HandOffRepository handOffRepository;
    private final MessageRepository messages;
    private final ServiceHoursCalendar hours;
    private final ContactFacts facts;

    public MessageIntake(ContactRegistration registration, ContactCategories categories, AutomaticAnswers answers,
            HandOffs handOffs, HandOffRepository handOffRepository, MessageRepository messages,
            ServiceHoursCalendar hours, ContactFacts facts) {
        this.facts = facts;
        this.registration = registration;
        this.categories = categories;
        this.answers = answers;
        this.handOffs = handOffs;
        this.handOffRepository = handOffRepository;
        this.messages = messages;
        this.hours = hours;
    }

    /** A message with its case (null when it was answered automatically) and whether it was replayed. */
    public record Received(Message message, HandOff handOff, boolean replayed, Instant nextOpeningAt) {
    }

    /**
     * Answers or hands off a web, app or WeChat message. Bounded per replica as contacts are
     * ({@link ContactRegistration}): 64 run at once and 128 wait; beyond that a surge is refused at once with 503
     * {@code overloaded} and Retry-After, before anything is stored.
     */
    @Bulkhead(value = 64, waitingTaskQueue = 128)
    public Uni<Received> receive(MessageRequest request, String callerTenant, String subject, String idempotencyKey) {
        if (request.channel() != Channel.WEB && request.channel() != Channel.APP && request.channel() != Channel.WECHAT) {
            throw ProblemException.invalidField("channel", "must be WEB, APP or WECHAT for messages (calls come as "
                    + "call events, Open311 under /open311/v2)");
        }
        if (request.phone() != null && !request.phone().isBlank() && PhoneNumber.normalise(request.phone()) == null) {
            throw ProblemException.invalidField("phone", "is not a phone number");
        }
        ContactRequest contact = new ContactRequest(request.channel(), null, request.phone(), null, request.regionCode(),
                request.address(), null, null);
        return registration.prepare(contact, callerTenant, subject,
                IdempotencyKey.of("messages", idempotencyKey, request)).flatMap(r -> r.replayed()
                ? replay(r.contact())
                : handle(r.contact(), request));
    }

    private Uni<Received> replay(Contact contact) {
        return Panache.withSession(() -> messages.findByContact(contact.id).flatMap(m -> {
            if (m == null) {
                throw ProblemException.conflict("idempotency-key-reused",
                        "This Idempotency-Key was used for another kind of contact.");
            }
            return handOffRepository.findById(contact.id).map(h -> new Received(m, h, true, null));
        }));
    }

    private Uni<Received> handle(Contact contact, MessageRequest request) {
        String text = request.text().trim();
        ServiceCategory category = categories.categorise(text);
        Instant now = Instant.now();
        boolean open = hours.isOpen(contact.tenant, now);
        Uni<AnswerOutcome> outcome = categories.answerable(category)
                ? answers.ask(text, contact.poolingRegionCode, contact.tenant, request.channel().name(), now)
                : Uni.createFrom().item(new AnswerOutcome(AnswerOutcome.Kind.NOT_FOUND, null, null, null, 0,
                        java.util.List.of(), "needs a department"));
        return outcome.flatMap(answer -> {
            Message m = new Message();
            m.id = UUID.randomUUID();
            m.contactId = contact.id;
            m.tenant = contact.tenant;
            m.channel = request.channel();
            m.text = text;
            m.category = category;
            m.serviceOpen = open;
            m.createdAt = now;
            m.confidence = answer.kind() == AnswerOutcome.Kind.UNAVAILABLE ? null : answer.confidence();
            if (answer.kind() == AnswerOutcome.Kind.ANSWERED) {
                m.outcome = "AUTOMATIC_ANSWER";
                m.reply = HandOffs.cut(answer.answer(), 4000);
                m.articleId = answer.articleId();
                m.articleTitle = HandOffs.cut(answer.title(), 255);
                m.citations = HandOffs.cut(answer.citations().stream()
                        .map(c -> c.documentName() + "|" + c.documentNumber() + "|" + c.url())
                        .collect(Collectors.joining("\n")), 4000);
                // The contact and its message in one transaction: never a contact without its message.
                return Panache.withTransaction(() -> registration.store(contact, category)
                        .flatMap(c -> messages.persist(m))
                        .call(saved -> facts.messageOutcome(saved, contact.poolingRegionCode, null)))
                        .map(saved -> new Received(saved, null, false, null));
            }
            m.outcome = answer.kind() == AnswerOutcome.Kind.UNAVAILABLE ? "KNOWLEDGE_UNAVAILABLE" : "WORK_ORDER";
            HandOffs.Draft draft = new HandOffs.Draft(category, null,
                    category.chineseName() + "：" + HandOffs.cut(text, 60), text, contact.callerNumber,
                    request.citizenName(), null, null, null);
            return Panache.withTransaction(() -> registration.store(contact, category)
                    .flatMap(c -> handOffs.open(contact, draft)).flatMap(h -> {
                m.reply = (answer.kind() == AnswerOutcome.Kind.UNAVAILABLE ? AutomaticAnswers.FALLBACK
                        : "您好，您的问题已登记，将由工作人员办理并答复您。") + "查询码：" + h.queryCode + "。"
                        + (open ? "" : "现在是非工作时间，工作人员将在工作时间内处理。");
                String reason = !categories.answerable(category) ? "NEEDS_DEPARTMENT" : m.outcome.equals("WORK_ORDER")
                        ? "NOT_FOUND" : "KNOWLEDGE_UNAVAILABLE";
                return messages.persist(m).call(saved -> facts.messageOutcome(saved, contact.poolingRegionCode,
                        reason)).map(saved -> new Received(saved, h, false,
                        open ? null : hours.nextOpening(contact.tenant, now)));
            })).flatMap(received -> handOffs.dispatch(contact.id).map(h -> new Received(received.message(),
                    h != null ? h : received.handOff(), false, received.nextOpeningAt())));
        });
    }
}
