package org.hotline.appraisal.service;

import static org.hotline.appraisal.service.IntakeFacts.blankToNull;
import static org.hotline.appraisal.service.IntakeFacts.instant;
import static org.hotline.appraisal.service.IntakeFacts.seconds;

import io.smallrye.mutiny.Uni;
import org.hotline.appraisal.domain.CallFact;
import org.hotline.common.v1.ServiceCategory;
import org.hotline.contracts.intake.v1.CallAbandoned;
import org.hotline.contracts.intake.v1.CallAnswered;
import org.hotline.contracts.intake.v1.CallEnded;
import org.hotline.contracts.intake.v1.CallOffered;
import org.hotline.contracts.intake.v1.CallbackFailed;
import org.hotline.contracts.intake.v1.CallbackKept;
import org.hotline.contracts.intake.v1.CallbackOffered;
import org.hotline.contracts.intake.v1.ContactRegionResolved;
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
            });
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
        return Uni.createFrom().voidItem(); // contacts, queued, messages, agent states: no KPI here yet
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
