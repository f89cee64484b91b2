package org.hotline.intake.service;

import org.hotline.common.category.ServiceCategory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hotline.contracts.intake.v1.AgentStateChanged;
import org.hotline.contracts.intake.v1.CallAbandoned;
import org.hotline.contracts.intake.v1.CallAnswered;
import org.hotline.contracts.intake.v1.CallEnded;
import org.hotline.contracts.intake.v1.CallOffered;
import org.hotline.contracts.intake.v1.CallQueued;
import org.hotline.contracts.intake.v1.CallbackFailed;
import org.hotline.contracts.intake.v1.CallbackKept;
import org.hotline.contracts.intake.v1.CallbackOffered;
import org.hotline.contracts.intake.v1.ContactRegionResolved;
import org.hotline.contracts.intake.v1.ContactRegistered;
import org.hotline.contracts.intake.v1.MessageAnswered;
import org.hotline.contracts.intake.v1.MessageHandedOff;
import org.hotline.contracts.intake.v1.SurveyAnswered;
import org.hotline.events.outbox.EventOutbox;
import org.hotline.events.outbox.NewEvent;
import org.hotline.intake.domain.AgentState;
import org.hotline.intake.domain.CallRecord;
import org.hotline.intake.domain.Callback;
import org.hotline.intake.domain.Contact;
import org.hotline.intake.domain.Message;
import org.hotline.intake.domain.SatisfactionSurvey;

/**
 * Intake's facts on its event feed as typed payloads ({@code hotline/intake/v1/intake_events.proto}), for appraisal's
 * KPIs. Every method must run inside the transaction of the state change it reports. No personal data is published.
 */
@ApplicationScoped
public class ContactFacts {

    private final EventOutbox outbox;
    private final CallerKeys callerKeys;

    public ContactFacts(EventOutbox outbox, CallerKeys callerKeys) {
        this.outbox = outbox;
        this.callerKeys = callerKeys;
    }

    /** A contact was registered on any channel (with the category when the channel tells it at registration). */
    public Uni<Void> contactRegistered(Contact c, Object category) {
        return append(registered(c, category));
    }

    /** The registration fact of {@code c}, for a writer that stores it in the contact's own statement. */
    public NewEvent registered(Contact c, Object category) {
        ContactRegistered.Builder p = ContactRegistered.newBuilder()
                .setContactId(c.id.toString())
                .setChannel(c.channel.name())
                .setTenant(tenant(c.tenant))
                .setRegionCode(s(c.poolingRegionCode))
                .setProvinceCode(s(c.provinceCode))
                .setRegionStatus(c.regionStatus.name())
                .setRegionDecidedBy(s(c.regionDecidedBy))
                .setCategory(category(category))
                .setRegisteredAt(s(c.createdAt))
                .setCallerKey(callerKeys.of(c.callerNumber)); // a keyed hash, never the number
        return NewEvent.of("intake.contact.registered", tenant(c.tenant), c.id.toString(), p.build());
    }

    /** A contact registered while routing was unreachable got its region; its calls joined queue {@code queue}. */
    public Uni<Void> contactRegionResolved(Contact c, List<String> callIds, String queue) {
        ContactRegionResolved p = ContactRegionResolved.newBuilder()
                .setContactId(c.id.toString())
                .setTenant(tenant(c.tenant))
                .setRegionCode(s(c.poolingRegionCode))
                .setProvinceCode(s(c.provinceCode))
                .setRegionDecidedBy(s(c.regionDecidedBy))
                .setResolvedAt(s(c.regionResolvedAt))
                .addAllCallIds(callIds)
                .setQueueId(s(queue))
                .build();
        return append(NewEvent.of("intake.contact.region-resolved", tenant(c.tenant), c.id.toString(), p));
    }

    /**
     * The call facts that {@code after} makes known for the first time compared with {@code before} (a snapshot of
     * the call before the event): each fact is published once, whatever order the switch's events came in.
     */
    public Uni<Void> callChanged(CallSnapshot before, CallRecord after, String regionCode, boolean serviceOpen,
            boolean callbackBooked) {
        CallSnapshot now = CallSnapshot.of(after);
        String tenant = tenant(after.tenant);
        String queue = s(after.regionCode);
        String region = s(regionCode);
        List<NewEvent> events = new java.util.ArrayList<>();
        if (!before.offered() && now.offered()) {
            events.add(NewEvent.of("intake.call.offered", tenant, after.callId, CallOffered.newBuilder()
                    .setCallId(after.callId)
                    .setContactId(after.contactId == null ? "" : after.contactId.toString())
                    .setQueueId(queue).setRegionCode(region)
                    .setOfferedAt(s(after.offeredAt))
                    .setPriority(after.priority > 0 ? "URGENT" : "NORMAL")
                    .setServiceOpen(serviceOpen)
                    .build()));
        }
        if (!before.queued() && now.queued()) {
            events.add(NewEvent.of("intake.call.queued", tenant, after.callId, CallQueued.newBuilder()
                    .setCallId(after.callId).setQueueId(queue).setRegionCode(region)
                    .setOfferedAt(s(after.offeredAt)).setQueuedAt(s(after.queuedAt))
                    .build()));
        }
        if (!before.answered() && now.answered()) {
            events.add(NewEvent.of("intake.call.answered", tenant, after.callId, CallAnswered.newBuilder()
                    .setCallId(after.callId).setQueueId(queue).setRegionCode(region)
                    .setAgentId(s(after.agentId))
                    .setOfferedAt(s(after.offeredAt)).setQueuedAt(s(after.queuedAt))
                    .setAnsweredAt(s(after.answeredAt))
                    .setWaitSeconds(seconds(after.placeAt(), after.answeredAt))
                    .build()));
        }
        if (!before.abandoned() && now.abandoned()) {
            events.add(NewEvent.of("intake.call.abandoned", tenant, after.callId, CallAbandoned.newBuilder()
                    .setCallId(after.callId).setQueueId(queue).setRegionCode(region)
                    .setOfferedAt(s(after.offeredAt)).setQueuedAt(s(after.queuedAt))
                    .setAbandonedAt(s(after.abandonedAt))
                    .setWaitSeconds(seconds(after.placeAt(), after.abandonedAt))
                    .setReachedQueue(after.queuedAt != null)
                    .setCallbackBooked(callbackBooked)
                    .setServiceOpen(serviceOpen)
                    .build()).withPayloadVersion(2));
        }
        if (!before.ended() && now.ended()) {
            events.add(NewEvent.of("intake.call.ended", tenant, after.callId, CallEnded.newBuilder()
                    .setCallId(after.callId).setQueueId(queue).setRegionCode(region)
                    .setAgentId(s(after.agentId))
                    .setOfferedAt(s(after.offeredAt)).setQueuedAt(s(after.queuedAt))
                    .setAnsweredAt(s(after.answeredAt)).setEndedAt(s(after.endedAt))
                    .setWaitSeconds(seconds(after.placeAt(), after.answeredAt))
                    .setHandleSeconds(seconds(after.answeredAt, after.endedAt))
                    .setCategory(category(after.category))
                    .setOutcome(after.outcome == null ? "" : after.outcome.name())
                    .build()).withPayloadVersion(2));
        }
        return events.isEmpty() ? Uni.createFrom().voidItem() : outbox.appendAll(events);
    }

    /**
     * What of a call's facts is known: offered once the offer is in; the other facts also need the offer (their
     * waits count from it) and are then fixed, since each timestamp keeps its earliest value.
     */
    public record CallSnapshot(boolean offered, boolean queued, boolean answered, boolean abandoned, boolean ended) {

        public static CallSnapshot of(CallRecord c) {
            boolean offered = c.offeredAt != null;
            return new CallSnapshot(offered, offered && c.queuedAt != null, offered && c.answeredAt != null,
                    offered && c.abandonedAt != null && c.answeredAt == null,
                    offered && c.answeredAt != null && c.endedAt != null);
        }
    }

    /** A callback was booked (offered and taken). */
    public Uni<Void> callbackOffered(Callback cb) {
        CallbackOffered p = CallbackOffered.newBuilder()
                .setCallbackId(cb.id.toString()).setCallId(s(cb.callId))
                .setQueueId(s(cb.regionCode)).setRegionCode(s(cb.regionCode))
                .setReason(s(cb.reason))
                .setRequestedAt(s(cb.createdAt)).setPlaceAt(s(cb.placeAt))
                .build();
        return append(NewEvent.of("intake.callback.offered", tenant(cb.tenant), cb.id.toString(), p));
    }

    /** A callback is closed: kept (the caller was reached) or failed after its attempts. */
    public Uni<Void> callbackClosed(Callback cb, String lastResult) {
        if ("DONE".equals(cb.status.name())) {
            CallbackKept p = CallbackKept.newBuilder()
                    .setCallbackId(cb.id.toString()).setCallId(s(cb.callId))
                    .setQueueId(s(cb.regionCode)).setRegionCode(s(cb.regionCode))
                    .setAgentId(s(cb.agentId))
                    .setRequestedAt(s(cb.createdAt)).setCompletedAt(s(cb.completedAt))
                    .setSecondsToKeep(seconds(cb.createdAt, cb.completedAt))
                    .setAttempts(cb.attempts)
                    .build();
            return append(NewEvent.of("intake.callback.kept", tenant(cb.tenant), cb.id.toString(), p));
        }
        CallbackFailed p = CallbackFailed.newBuilder()
                .setCallbackId(cb.id.toString()).setCallId(s(cb.callId))
                .setQueueId(s(cb.regionCode)).setRegionCode(s(cb.regionCode))
                .setAgentId(s(cb.agentId))
                .setRequestedAt(s(cb.createdAt)).setCompletedAt(s(cb.completedAt))
                .setAttempts(cb.attempts)
                .setLastResult(s(lastResult))
                .build();
        return append(NewEvent.of("intake.callback.failed", tenant(cb.tenant), cb.id.toString(), p));
    }

    /** A text message answered automatically (7x24), or handed to people with {@code reason}. */
    public Uni<Void> messageOutcome(Message m, String regionCode, String reason) {
        if ("AUTOMATIC_ANSWER".equals(m.outcome)) {
            MessageAnswered p = MessageAnswered.newBuilder()
                    .setMessageId(m.id.toString()).setContactId(m.contactId.toString())
                    .setChannel(m.channel.name()).setRegionCode(s(regionCode))
                    .setCategory(category(m.category))
                    .setArticleId(s(m.articleId))
                    .setConfidence(m.confidence == null ? 0 : m.confidence)
                    .setServiceOpen(m.serviceOpen)
                    .setReceivedAt(s(m.createdAt))
                    .build();
            return append(NewEvent.of("intake.message.answered", tenant(m.tenant), m.id.toString(), p));
        }
        return handedOff(m.id.toString(), m.contactId.toString(), m.channel.name(), m.tenant, regionCode,
                m.category, reason, m.serviceOpen, m.createdAt);
    }

    /** A text contact (a message or an Open311 request) became a case for people. */
    public Uni<Void> handedOff(String messageId, String contactId, String channel, String tenant, String regionCode,
            Object category, String reason, boolean serviceOpen, Instant receivedAt) {
        MessageHandedOff p = MessageHandedOff.newBuilder()
                .setMessageId(messageId).setContactId(contactId)
                .setChannel(channel).setRegionCode(s(regionCode))
                .setCategory(category(category))
                .setReason(s(reason))
                .setServiceOpen(serviceOpen)
                .setReceivedAt(s(receivedAt))
                .build();
        return append(NewEvent.of("intake.message.handed-off", tenant(tenant), messageId, p));
    }

    /** An agent's state changed; {@code previous} is null for an agent's first state. */
    public Uni<Void> agentStateChanged(AgentState now, String previousState, String previousQueue,
            Instant previousSince) {
        AgentStateChanged p = AgentStateChanged.newBuilder()
                .setAgentId(now.agentId).setQueueId(s(now.regionCode)).setState(now.state.name())
                .setPreviousState(s(previousState)).setPreviousQueueId(s(previousQueue))
                .setChangedAt(s(now.updatedAt)).setPreviousSince(s(previousSince))
                .build();
        return append(NewEvent.of("intake.agent.state-changed", tenant(now.tenant), now.agentId, p));
    }

    /** A citizen answered the satisfaction survey of a contact (the agent and queue that handled it, no number). */
    public Uni<Void> surveyAnswered(SatisfactionSurvey survey) {
        SurveyAnswered p = SurveyAnswered.newBuilder()
                .setContactId(survey.contactId.toString()).setTenant(tenant(survey.tenant))
                .setCallId(s(survey.callId)).setAgentId(s(survey.agentId))
                .setQueueId(s(survey.queueId)).setRegionCode(s(survey.regionCode))
                .setChannel(survey.channel.name()).setCategory(category(survey.category))
                .setAnswer(survey.answer.name()).setScore(survey.score)
                .setAnsweredAt(s(survey.answeredAt))
                .build();
        return append(NewEvent.of("intake.survey.answered", tenant(survey.tenant), survey.contactId.toString(), p));
    }

    private Uni<Void> append(NewEvent event) {
        return outbox.append(event);
    }

    /** The contracts' category for intake's (any enum whose name is one of the five, old spellings included). */
    static org.hotline.common.v1.ServiceCategory category(Object category) {
        if (category == null) {
            return org.hotline.common.v1.ServiceCategory.SERVICE_CATEGORY_UNSPECIFIED;
        }
        return switch (((Enum<?>) category).name()) {
            case "POLICY", "POLICY_ANSWER" -> org.hotline.common.v1.ServiceCategory.POLICY_ANSWER;
            case "DATA_LOOKUP" -> org.hotline.common.v1.ServiceCategory.DATA_LOOKUP;
            case "PRE_REVIEW", "ONLINE_PRE_REVIEW" -> org.hotline.common.v1.ServiceCategory.ONLINE_PRE_REVIEW;
            case "FEEDBACK" -> org.hotline.common.v1.ServiceCategory.FEEDBACK;
            case "OPINION" -> org.hotline.common.v1.ServiceCategory.OPINION;
            default -> org.hotline.common.v1.ServiceCategory.SERVICE_CATEGORY_UNSPECIFIED;
        };
    }

    private static double seconds(Instant from, Instant to) {
        return from == null || to == null ? 0 : Math.round(Duration.between(from, to).toNanos() / 1e6) / 1000.0;
    }

    private static String s(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String tenant(String tenant) {
        return tenant == null ? "*" : tenant;
    }
}
