package org.hotline.appraisal.service;

import static org.hotline.appraisal.service.IntakeFacts.blankToNull;
import static org.hotline.appraisal.service.IntakeFacts.instant;
import static org.hotline.appraisal.service.IntakeFacts.seconds;

import io.smallrye.mutiny.Uni;
import org.hotline.appraisal.domain.CallFact;
import org.hotline.common.v1.ServiceCategory;
import org.hotline.contracts.intake.v1.AgentStateChanged;
import org.hotline.contracts.intake.v1.CallAbandoned;
import org.hotline.contracts.intake.v1.CallAnswered;
import org.hotline.contracts.intake.v1.CallEnded;
import org.hotline.contracts.intake.v1.CallOffered;
import org.hotline.contracts.intake.v1.CallbackFailed;
import org.hotline.contracts.intake.v1.CallbackKept;
import org.hotline.contracts.intake.v1.CallbackOffered;
import org.hotline.contracts.intake.v1.ContactRegionResolved;
import org.hotline.contracts.intake.v1.ContactRegistered;
import org.hotline.contracts.intake.v1.SurveyAnswered;
import org.hotline.events.consumer.FeedEvent;

/**
 * Intake's typed call and callback facts (hotline/intake/v1/intake_events.proto). Each fact fills in the columns it
 * knows; the envelope's tenant is the call's tenant after the fact (a call offered while its region was pending
 * moves to its province when {@code ContactRegionResolved} names it).
 */
final class IntakeTypedFacts {

    private IntakeTypedFacts() {
    }

    static Uni<Void> apply(FeedEvent event, IntakeFacts facts) {
        String tenant = event.tenant();
        if (event.is(CallOffered.class)) {
            CallOffered p = event.payload(CallOffered.class);
            return facts.call(p.getCallId(), c -> {
                c.tenant = tenant;
                queue(c, p.getQueueId(), p.getRegionCode());
                c.offeredAt = instant(p.getOfferedAt());
                c.serviceOpen = p.getServiceOpen();
                if (!p.getContactId().isEmpty()) {
                    c.contactId = p.getContactId();
                }
            });
        }
        if (event.is(ContactRegistered.class)) {
            // The contact's pseudonymous caller key (a keyed hash from intake, never the number): repeat contacts.
            ContactRegistered p = event.payload(ContactRegistered.class);
            return io.quarkus.hibernate.reactive.panache.Panache.getSession().chain(s -> s.createNativeQuery(
                            "INSERT INTO contact_fact (contact_id, tenant, channel, caller_key, registered_at) "
                                    + "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (contact_id) DO NOTHING")
                    .setParameter(1, p.getContactId()).setParameter(2, tenant)
                    .setParameter(3, blankToNull(p.getChannel())).setParameter(4, blankToNull(p.getCallerKey()))
                    .setParameter(5, instant(p.getRegisteredAt()))
                    .executeUpdate()).replaceWithVoid();
        }
        if (event.is(CallAnswered.class)) {
            CallAnswered p = event.payload(CallAnswered.class);
            return facts.call(p.getCallId(), c -> {
                c.tenant = tenant;
                queue(c, p.getQueueId(), p.getRegionCode());
                c.offeredAt = instant(p.getOfferedAt());
                c.agentId = blankToNull(p.getAgentId());
                c.answeredAt = instant(p.getAnsweredAt());
                c.waitSeconds = seconds(p.getWaitSeconds());
            });
        }
        if (event.is(CallAbandoned.class)) {
            CallAbandoned p = event.payload(CallAbandoned.class);
            return facts.call(p.getCallId(), c -> {
                c.tenant = tenant;
                queue(c, p.getQueueId(), p.getRegionCode());
                c.offeredAt = instant(p.getOfferedAt());
                c.abandonedAt = instant(p.getAbandonedAt());
                c.waitSeconds = seconds(p.getWaitSeconds());
                c.reachedQueue = p.getReachedQueue();
                c.callbackBooked = p.getCallbackBooked();
                c.serviceOpen = p.getServiceOpen();
            });
        }
        if (event.is(CallEnded.class)) {
            CallEnded p = event.payload(CallEnded.class);
            return facts.call(p.getCallId(), c -> {
                c.tenant = tenant;
                queue(c, p.getQueueId(), p.getRegionCode());
                c.offeredAt = instant(p.getOfferedAt());
                c.agentId = blankToNull(p.getAgentId());
                c.answeredAt = instant(p.getAnsweredAt());
                c.endedAt = instant(p.getEndedAt());
                c.waitSeconds = seconds(p.getWaitSeconds());
                c.handleSeconds = seconds(p.getHandleSeconds());
                c.category = p.getCategory() == ServiceCategory.SERVICE_CATEGORY_UNSPECIFIED ? null
                        : p.getCategory().name();
                c.outcome = blankToNull(p.getOutcome());
            });
        }
        if (event.is(CallbackOffered.class)) {
            CallbackOffered p = event.payload(CallbackOffered.class);
            return facts.callback(p.getCallbackId(), cb -> {
                cb.tenant = tenant;
                cb.queueId = blankToNull(p.getQueueId()) != null ? p.getQueueId() : blankToNull(p.getRegionCode());
                cb.regionCode = blankToNull(p.getRegionCode());
                cb.requestedAt = instant(p.getRequestedAt());
                if (cb.status == null) {
                    cb.status = "OFFERED";
                }
            });
        }
        if (event.is(CallbackKept.class)) {
            CallbackKept p = event.payload(CallbackKept.class);
            return facts.callback(p.getCallbackId(), cb -> {
                cb.tenant = tenant;
                cb.queueId = blankToNull(p.getQueueId()) != null ? p.getQueueId() : blankToNull(p.getRegionCode());
                cb.regionCode = blankToNull(p.getRegionCode());
                cb.agentId = blankToNull(p.getAgentId());
                cb.requestedAt = instant(p.getRequestedAt());
                cb.completedAt = instant(p.getCompletedAt());
                cb.attempts = p.getAttempts();
                cb.status = "KEPT";
            });
        }
        if (event.is(CallbackFailed.class)) {
            CallbackFailed p = event.payload(CallbackFailed.class);
            return facts.callback(p.getCallbackId(), cb -> {
                cb.tenant = tenant;
                cb.queueId = blankToNull(p.getQueueId()) != null ? p.getQueueId() : blankToNull(p.getRegionCode());
                cb.regionCode = blankToNull(p.getRegionCode());
                cb.agentId = blankToNull(p.getAgentId());
                cb.requestedAt = instant(p.getRequestedAt());
                cb.completedAt = instant(p.getCompletedAt());
                cb.attempts = p.getAttempts();
                cb.status = "FAILED";
            });
        }
        if (event.is(ContactRegionResolved.class)) {
            ContactRegionResolved p = event.payload(ContactRegionResolved.class);
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String callId : p.getCallIdsList()) {
                // Only calls appraisal already knows move; a call's later facts carry the resolved tenant anyway.
                chain = chain.chain(() -> CallFact.<CallFact>findById(callId).invoke(c -> {
                    if (c != null) {
                        c.tenant = blankToNull(p.getTenant()) != null ? p.getTenant() : tenant;
                        queue(c, p.getQueueId(), p.getRegionCode());
                    }
                }).replaceWithVoid());
            }
            return chain;
        }
        if (event.is(AgentStateChanged.class)) {
            AgentStateChanged p = event.payload(AgentStateChanged.class);
            if (p.getPreviousState().isEmpty() || p.getPreviousSince().isEmpty() || p.getChangedAt().isEmpty()) {
                return Uni.createFrom().voidItem(); // an agent's first state: no interval has ended yet
            }
            // The state that just ended, in the queue it was served in.
            String queue = blankToNull(p.getPreviousQueueId()) != null ? p.getPreviousQueueId() : blankToNull(p.getQueueId());
            return io.quarkus.hibernate.reactive.panache.Panache.getSession().chain(s -> s.createNativeQuery(
                            "INSERT INTO agent_state_fact (event_id, tenant, agent_id, queue_id, state, since, until) "
                                    + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (event_id) DO NOTHING")
                    .setParameter(1, event.id()).setParameter(2, tenant).setParameter(3, p.getAgentId())
                    .setParameter(4, queue).setParameter(5, p.getPreviousState())
                    .setParameter(6, instant(p.getPreviousSince())).setParameter(7, instant(p.getChangedAt()))
                    .executeUpdate()).replaceWithVoid();
        }
        if (event.is(SurveyAnswered.class)) {
            // 满意度评分: one answer per contact (intake publishes it once; a repeat of the event changes nothing).
            SurveyAnswered p = event.payload(SurveyAnswered.class);
            return io.quarkus.hibernate.reactive.panache.Panache.getSession().chain(s -> s.createNativeQuery(
                            "INSERT INTO survey_fact (contact_id, tenant, call_id, agent_id, queue_id, region_code, "
                                    + "channel, category, answer, score, answered_at) "
                                    + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
                                    + "ON CONFLICT (contact_id) DO NOTHING")
                    .setParameter(1, p.getContactId()).setParameter(2, tenant)
                    .setParameter(3, blankToNull(p.getCallId())).setParameter(4, blankToNull(p.getAgentId()))
                    .setParameter(5, blankToNull(p.getQueueId())).setParameter(6, blankToNull(p.getRegionCode()))
                    .setParameter(7, blankToNull(p.getChannel()))
                    .setParameter(8, p.getCategory() == ServiceCategory.SERVICE_CATEGORY_UNSPECIFIED ? null
                            : p.getCategory().name())
                    .setParameter(9, p.getAnswer()).setParameter(10, p.getScore())
                    .setParameter(11, instant(p.getAnsweredAt()))
                    .executeUpdate()).replaceWithVoid();
        }
        return Uni.createFrom().voidItem(); // contacts, queued and messages: no KPI here yet
    }

    private static void queue(CallFact c, String queue, String region) {
        if (blankToNull(queue) != null) {
            c.queueId = queue;
        }
        if (blankToNull(region) != null) {
            c.regionCode = region;
        }
    }
}
