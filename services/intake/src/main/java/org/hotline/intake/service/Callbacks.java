package org.hotline.intake.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.UUID;
import org.hotline.common.phone.PhoneNumber;
import org.hotline.common.problem.ProblemException;
import org.hotline.intake.config.IntakeConfig;
import org.hotline.intake.domain.AgentState;
import org.hotline.intake.domain.CallRecord;
import org.hotline.intake.domain.Callback;
import org.hotline.intake.domain.CallbackAttempt;
import org.hotline.intake.domain.CallbackStatus;
import org.hotline.intake.repository.AgentStateRepository;
import org.hotline.intake.repository.CallRecordRepository;
import org.hotline.intake.repository.CallbackRepository;
import org.hotline.intake.repository.ContactRepository;

/** Virtual hold: a callback keeps the caller's place, becomes an agent's task at the front, and records attempts. */
@ApplicationScoped
public class Callbacks {

    private final CallbackRepository callbacks;
    private final CallRecordRepository calls;
    private final ContactRepository contacts;
    private final AgentStateRepository agents;
    private final ServiceHoursCalendar hours;
    private final IntakeConfig config;
    private final MeterRegistry metrics;
    private final ContactFacts facts;

    public Callbacks(CallbackRepository callbacks, CallRecordRepository calls, ContactRepository contacts,
            AgentStateRepository agents, ServiceHoursCalendar hours, IntakeConfig config, MeterRegistry metrics,
            ContactFacts facts) {
        this.facts = facts;
        this.callbacks = callbacks;
        this.calls = calls;
        this.contacts = contacts;
        this.agents = agents;
        this.hours = hours;
        this.config = config;
        this.metrics = metrics;
    }

    /** A callback and whether it existed already (one per call). */
    public record Requested(Callback callback, boolean replayed) {
    }

    /** Books a callback for a waiting call (or any call outside service hours), keeping the call's place. */
    @WithTransaction
    public Uni<Requested> request(String callId, String phone, String callerTenant) {
        return callbacks.findByCall(callId).flatMap(existing -> existing != null
                ? Uni.createFrom().item(new Requested(existing, true))
                : calls.findById(callId, LockModeType.PESSIMISTIC_WRITE)
                        .flatMap(call -> create(call, callId, phone, callerTenant)));
    }

    private Uni<Requested> create(CallRecord call, String callId, String phone, String callerTenant) {
        boolean otherTenant = call != null && call.tenant != null && callerTenant != null
                && !"*".equals(callerTenant) && !"*".equals(call.tenant) && !callerTenant.equals(call.tenant);
        if (call == null || call.offeredAt == null || otherTenant) {
            throw ProblemException.notFound("call-not-found", "No offered call " + callId + ".");
        }
        Instant now = Instant.now();
        boolean open = hours.isOpen(call.tenant, now);
        if (!call.waiting() && open) {
            throw ProblemException.conflict("call-not-waiting", "Call " + callId + " is " + call.state()
                    + "; a callback keeps the place of a waiting call.");
        }
        return contacts.findById(call.contactId).flatMap(contact -> {
            String number = phone == null || phone.isBlank() ? contact.callerNumber : PhoneNumber.normalise(phone);
            if (number == null || PhoneNumber.digits(number).length() < 5) {
                throw ProblemException.invalidField("phone", "is not a number we can call back");
            }
            Callback cb = new Callback();
            cb.id = UUID.randomUUID();
            cb.callId = callId;
            cb.contactId = call.contactId;
            cb.tenant = call.tenant;
            cb.regionCode = call.regionCode != null ? call.regionCode : contact.poolingRegionCode;
            cb.priority = call.priority;
            // Out of hours the booking queues from now; in hours it keeps the place the caller already earned.
            cb.placeAt = call.waiting() ? call.placeAt() : now;
            cb.phone = number;
            cb.status = CallbackStatus.WAITING;
            cb.reason = open ? "WAIT_TOO_LONG" : "OUT_OF_HOURS";
            cb.createdAt = now;
            cb.updatedAt = now;
            count(cb.tenant, "requested");
            return callbacks.persist(cb).call(facts::callbackOffered).map(saved -> new Requested(saved, false));
        });
    }

    /** Gives the agent the callback at the front of its queue, or null when a live call is next (the switch's). */
    @WithTransaction
    public Uni<Callback> next(String agentId, String callerTenant) {
        return agents.findById(agentId).flatMap(agent -> {
            if (agent == null || !agent.state.onDuty()) {
                throw ProblemException.conflict("agent-not-on-duty",
                        "Agent " + agentId + " is not on duty; set the state to AVAILABLE first.");
            }
            requireTenant(agent, callerTenant);
            return calls.head(agent.tenant, agent.regionCode).flatMap(head -> head == null
                    ? Uni.createFrom().<Callback>nullItem()
                    : callbacks.findByCall(head)
                            .flatMap(cb -> cb == null || cb.status != CallbackStatus.WAITING ? Uni.createFrom().<Callback>nullItem()
                                    : callbacks.findById(cb.id, LockModeType.PESSIMISTIC_WRITE).map(locked -> {
                                        if (locked.status != CallbackStatus.WAITING) {
                                            return null;
                                        }
                                        locked.status = CallbackStatus.DIALING;
                                        locked.agentId = agentId;
                                        locked.updatedAt = Instant.now();
                                        return locked;
                                    })));
        });
    }

    /** Records one attempt; REACHED completes it, other results keep the place until the attempts run out. */
    @WithTransaction
    public Uni<Callback> attempt(UUID id, String agentId, String result, String note, String callerTenant,
            String idempotencyKey) {
        return callbacks.findById(id, LockModeType.PESSIMISTIC_WRITE).flatMap(cb -> idempotencyKey == null
                ? record(cb, id, agentId, result, note, callerTenant, null)
                : CallbackAttempt.<CallbackAttempt>find("callbackId = ?1 and idempotencyKey = ?2", id, idempotencyKey)
                        .firstResult().flatMap(earlier -> {
                            if (earlier == null) {
                                return record(cb, id, agentId, result, note, callerTenant, idempotencyKey);
                            }
                            if (!java.util.Objects.equals(earlier.agentId, agentId)
                                    || !java.util.Objects.equals(earlier.result, result)
                                    || !java.util.Objects.equals(earlier.note, note)) {
                                throw ProblemException.unprocessable("idempotency-key-reused", "This Idempotency-Key "
                                        + "reported another attempt; send a new key for a new attempt.");
                            }
                            return Uni.createFrom().item(cb);
                        }));
    }

    private Uni<Callback> record(Callback cb, UUID id, String agentId, String result, String note,
            String callerTenant, String idempotencyKey) {
        {
            if (cb == null) {
                throw ProblemException.notFound("callback-not-found", "No callback " + id + ".");
            }
            if (callerTenant != null && !"*".equals(callerTenant) && !callerTenant.equals(cb.tenant)) {
                // Another tenant's callback is answered as unknown: a 403 would confirm that it exists.
                throw ProblemException.notFound("callback-not-found", "No callback " + id + ".");
            }
            if (cb.status == CallbackStatus.DONE || cb.status == CallbackStatus.FAILED) {
                throw ProblemException.conflict("callback-closed", "Callback " + id + " is already " + cb.status + ".");
            }
            // Only the agent who took the callback from /callbacks/next (DIALING) can say how the call went.
            if (cb.status != CallbackStatus.DIALING || !agentId.equals(cb.agentId)) {
                throw ProblemException.conflict("callback-not-dialling", "Callback " + id + " is " + cb.status
                        + (cb.agentId == null ? "" : " (agent " + cb.agentId + ")")
                        + "; only the agent dialling it can report an attempt: take it with POST /callbacks/next.");
            }
            Instant now = Instant.now();
            CallbackAttempt a = new CallbackAttempt();
            a.id = UUID.randomUUID();
            a.callbackId = id;
            a.agentId = agentId;
            a.result = result;
            a.note = note;
            a.attemptedAt = now;
            a.idempotencyKey = idempotencyKey;
            cb.attempts++;
            cb.updatedAt = now;
            cb.agentId = agentId;
            if ("REACHED".equals(result)) {
                cb.status = CallbackStatus.DONE;
                cb.completedAt = now;
            } else if (cb.attempts >= config.queues().callbackMaxAttempts()) {
                cb.status = CallbackStatus.FAILED;
                cb.completedAt = now;
            } else {
                cb.status = CallbackStatus.WAITING;
            }
            count(cb.tenant, result.toLowerCase());
            return a.persist().call(() -> cb.completedAt != null ? facts.callbackClosed(cb, result)
                    : Uni.createFrom().voidItem()).replaceWith(cb);
        }
    }

    private static void requireTenant(AgentState agent, String callerTenant) {
        if (callerTenant != null && !"*".equals(callerTenant) && !callerTenant.equals(agent.tenant)) {
            throw ProblemException.forbidden("tenant-forbidden", "Agent " + agent.agentId + " is of another tenant.");
        }
    }

    private void count(String tenant, String result) {
        metrics.counter("hotline_intake_callbacks_total", "tenant", tenant == null ? "*" : tenant, "result", result)
                .increment();
    }
}
