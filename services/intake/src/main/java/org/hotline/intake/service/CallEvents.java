package org.hotline.intake.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.intake.config.IntakeConfig;
import org.hotline.intake.domain.CallEventType;
import org.hotline.intake.domain.CallOutcome;
import org.hotline.intake.domain.CallRecord;
import org.hotline.intake.domain.Channel;
import org.hotline.intake.domain.Contact;
import org.hotline.intake.repository.CallRecordRepository;
import org.hotline.intake.repository.CallbackRepository;
import org.hotline.intake.repository.ContactRepository;
import org.hotline.intake.rest.CallEventRequest;
import org.hotline.intake.rest.ContactRequest;

/**
 * Applies the switch's call events: each event id once (repeats change nothing), each event sets only its own
 * timestamp and the call's state is derived from the timestamps, so events may arrive in any order.
 */
@ApplicationScoped
public class CallEvents {


    private final CallRecordRepository calls;
    private final ContactRepository contacts;
    private final ContactRegistration registration;
    private final ContactCategories categories;
    private final HandOffs handOffs;
    private final ContactFacts facts;
    private final ServiceHoursCalendar hours;
    private final CallbackRepository callbacks;
    private final IntakeConfig config;
    private final MeterRegistry metrics;

    public CallEvents(CallRecordRepository calls, ContactRepository contacts, ContactRegistration registration,
            ContactCategories categories, HandOffs handOffs, ContactFacts facts, ServiceHoursCalendar hours,
            CallbackRepository callbacks, IntakeConfig config, MeterRegistry metrics) {
        this.facts = facts;
        this.hours = hours;
        this.callbacks = callbacks;
        this.config = config;
        this.calls = calls;
        this.contacts = contacts;
        this.registration = registration;
        this.categories = categories;
        this.handOffs = handOffs;
        this.metrics = metrics;
    }

    /** The call after an event, whether the event was a repeat, and the contact whose case was opened (if any). */
    public record Applied(CallRecord call, boolean repeated, UUID handedOff) {
    }

    public Uni<Applied> apply(CallEventRequest e, String callerTenant, String subject) {
        validate(e);
        Uni<Contact> contact = e.type() == CallEventType.OFFERED
                ? registration.register(new ContactRequest(Channel.PHONE, e.dialedNumber(), e.callerNumber(),
                        e.carrierRegionCode(), e.ivrRegionCode()), callerTenant, subject,
                        // A re-offer of the call may differ (e.g. another IVR choice): the first registration holds.
                        new IdempotencyKey("calls", "call:" + e.callId(), null))
                        .map(ContactRegistration.Registered::contact)
                : Uni.createFrom().nullItem();
        return contact.flatMap(c -> Panache.withTransaction(() -> {
            Instant now = Instant.now();
            return calls.recordEvent(e.eventId(), e.callId(), e.type().name(), e.occurredAt(), now)
                    .flatMap(inserted -> inserted == 0
                            ? calls.findById(e.callId()).map(call -> new Applied(visible(call, e), true, null))
                            : calls.insertIfAbsent(e.callId(), now)
                                    .flatMap(x -> calls.findById(e.callId(), LockModeType.PESSIMISTIC_WRITE))
                                    .flatMap(call -> change(call, e, c, callerTenant, now)));
        })).flatMap(applied -> {
            metrics.counter("hotline_intake_call_events_total", "tenant", tenantTag(applied.call()),
                    "type", e.type().name(), "result", applied.repeated() ? "repeated" : "applied").increment();
            // Right after the commit, one attempt to create the work order; the job retries if routing is down.
            return applied.handedOff() == null
                    ? Uni.createFrom().item(applied)
                    : handOffs.dispatch(applied.handedOff()).replaceWith(applied);
        });
    }

    /** The call, or 404 when the data layer hides it (another province's call: the tenant filter). */
    private static CallRecord visible(CallRecord call, CallEventRequest e) {
        if (call == null) {
            throw ProblemException.notFound("call-not-found", "No call " + e.callId() + ".");
        }
        return call;
    }

    private Uni<Applied> change(CallRecord call, CallEventRequest e, Contact contact, String callerTenant,
            Instant now) {
        visible(call, e);
        if (call.tenant != null && callerTenant != null && !Roles.NATIONAL.equals(callerTenant)
                && !Roles.NATIONAL.equals(call.tenant) && !callerTenant.equals(call.tenant)) {
            // Answered as unknown: a 403 would confirm that another province's call exists.
            throw ProblemException.notFound("call-not-found", "No call " + call.callId + ".");
        }
        // Milliseconds are what switches report; finer digits would not survive the database the same way everywhere.
        Instant at = e.occurredAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        ContactFacts.CallSnapshot before = ContactFacts.CallSnapshot.of(call);
        switch (e.type()) {
            case OFFERED -> {
                call.offeredAt = earliest(call.offeredAt, at);
                call.contactId = contact.id;
                call.tenant = contact.tenant;
                call.regionCode = queueOf(contact, config);
                call.contactRegionCode = contact.poolingRegionCode;
                call.priority = "URGENT".equals(e.priority()) ? 1 : 0;
            }
            case QUEUED -> call.queuedAt = earliest(call.queuedAt, at);
            case ANSWERED -> {
                call.answeredAt = earliest(call.answeredAt, at);
                call.agentId = e.agentId();
            }
            case ABANDONED -> call.abandonedAt = earliest(call.abandonedAt, at);
            case ENDED -> {
                call.endedAt = earliest(call.endedAt, at);
                if (e.agentId() != null) {
                    call.agentId = e.agentId();
                }
                if (e.summary() != null) {
                    call.summary = e.summary();
                }
                call.category = e.category() != null ? e.category()
                        : e.summary() != null ? categories.categorise(e.summary()) : call.category;
                if (e.outcome() != null) {
                    call.outcome = e.outcome();
                }
                if (e.recordingRef() != null) {
                    call.recordingRef = e.recordingRef();
                }
            }
        }
        call.updatedAt = now;
        // Each fact is published once, when the events so far first make it known, whatever order they came in.
        boolean open = call.offeredAt != null && hours.isOpen(call.tenant, call.offeredAt);
        ContactFacts.CallSnapshot afterState = ContactFacts.CallSnapshot.of(call);
        Uni<Boolean> callbackBooked = !before.abandoned() && afterState.abandoned()
                ? callbacks.findByCall(call.callId).map(cb -> cb != null)
                : Uni.createFrom().item(false);
        return callbackBooked
                .flatMap(booked -> facts.callChanged(before, call, call.contactRegionCode, open, booked))
                .flatMap(x -> openCase(call));
    }

    /** The queue a call joins: its pooling region, or its province for tenants that take calls centrally. */
    static String queueOf(Contact contact, IntakeConfig config) {
        boolean central = contact.tenant != null && config.queues().centralTenants()
                .map(list -> list.contains(contact.tenant)).orElse(false);
        return central && contact.provinceCode != null ? contact.provinceCode : contact.poolingRegionCode;
    }

    private Uni<Applied> openCase(CallRecord call) {
        // A work-order outcome may arrive before the offer (out of order): the case opens once both are known.
        if (call.outcome == CallOutcome.WORK_ORDER && call.contactId != null) {
            return contacts.findById(call.contactId).flatMap(c -> handOffs.open(c, new HandOffs.Draft(
                    call.category, null, call.category.chineseName() + "：" + HandOffs.cut(call.summary, 60),
                    call.summary, c.callerNumber, null, null, null, null)))
                    .map(h -> new Applied(call, false, h.contactId));
        }
        return Uni.createFrom().item(new Applied(call, false, null));
    }

    private void validate(CallEventRequest e) {
        // Switch clocks drift a little; a time far outside now is a wrong clock or a replay, and would jump the queue.
        Instant now = Instant.now();
        Duration ahead = config.callEvents().maxAhead();
        Duration age = config.callEvents().maxAge();
        if (e.occurredAt().isAfter(now.plus(ahead))) {
            throw ProblemException.invalidField("occurredAt", "is more than " + ahead.toMinutes()
                    + " minutes in the future (" + e.occurredAt() + ")");
        }
        if (e.occurredAt().isBefore(now.minus(age))) {
            throw ProblemException.invalidField("occurredAt", "is more than " + age.toHours()
                    + " hours in the past (" + e.occurredAt() + "); the switch sends events as they happen");
        }
        switch (e.type()) {
            case OFFERED -> {
                if (blank(e.dialedNumber())) {
                    throw ProblemException.invalidField("dialedNumber", "is required for OFFERED");
                }
                if (blank(e.callerNumber())) {
                    throw ProblemException.invalidField("callerNumber", "is required for OFFERED");
                }
            }
            case ANSWERED -> {
                if (blank(e.agentId())) {
                    throw ProblemException.invalidField("agentId", "is required for ANSWERED");
                }
            }
            case ENDED -> {
                if (e.outcome() == CallOutcome.WORK_ORDER && (blank(e.summary()) || e.summary().trim().length() < 4)) {
                    throw ProblemException.invalidField("summary",
                            "is required for outcome WORK_ORDER (the department reads it)");
                }
            }
            default -> {
            }
        }
    }

    private static Instant earliest(Instant current, Instant at) {
        return current == null || at.isBefore(current) ? at : current;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String tenantTag(CallRecord call) {
        return call == null || call.tenant == null ? "*" : call.tenant;
    }
}
