package org.hotline.intake.service;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.hotline.events.outbox.EventOutbox;
import org.hotline.events.outbox.NewEvent;
import org.hotline.intake.domain.CallRecord;
import org.hotline.intake.domain.Callback;
import org.hotline.intake.domain.Message;

/**
 * Intake's facts on its event feed, for appraisal (answer timeliness, abandonment, callback execution). Payloads are
 * {@code google.protobuf.Struct}: intake owns no proto in the contracts module, so consumers read named fields.
 * Every method must run inside the transaction of the state change it reports. No personal data is published.
 */
@ApplicationScoped
public class ContactFacts {

    private final EventOutbox outbox;

    public ContactFacts(EventOutbox outbox) {
        this.outbox = outbox;
    }

    /** A call is complete (offered and ended or abandoned): its timestamps, waits and outcome. */
    public Uni<Void> callCompleted(CallRecord c) {
        // Abandoned: the caller hung up before an agent answered; ended: every other finished call.
        String type = c.abandonedAt != null && c.answeredAt == null ? "intake.call.abandoned" : "intake.call.ended";
        Struct.Builder p = Struct.newBuilder();
        put(p, "call_id", c.callId);
        put(p, "contact_id", c.contactId == null ? null : c.contactId.toString());
        put(p, "region_code", c.regionCode);
        put(p, "offered_at", c.offeredAt);
        put(p, "queued_at", c.queuedAt);
        put(p, "answered_at", c.answeredAt);
        put(p, "abandoned_at", c.abandonedAt);
        put(p, "ended_at", c.endedAt);
        put(p, "agent_id", c.agentId);
        put(p, "category", c.category == null ? null : c.category.name());
        put(p, "outcome", c.outcome == null ? null : c.outcome.name());
        if (c.answeredAt != null && c.offeredAt != null) {
            p.putFields("wait_seconds", number(Duration.between(c.offeredAt, c.answeredAt).toSeconds()));
        }
        if (c.answeredAt != null && c.endedAt != null) {
            p.putFields("handle_seconds", number(Duration.between(c.answeredAt, c.endedAt).toSeconds()));
        }
        return outbox.append(NewEvent.of(type, tenant(c.tenant), c.callId, p.build()));
    }

    /** A message was received and answered automatically or handed to people. */
    public Uni<Void> messageReceived(Message m) {
        Struct.Builder p = Struct.newBuilder();
        put(p, "message_id", m.id.toString());
        put(p, "contact_id", m.contactId.toString());
        put(p, "channel", m.channel.name());
        put(p, "category", m.category.name());
        put(p, "outcome", m.outcome);
        put(p, "article_id", m.articleId);
        p.putFields("service_open", Value.newBuilder().setBoolValue(m.serviceOpen).build());
        put(p, "received_at", m.createdAt);
        return outbox.append(NewEvent.of("intake.message.received", tenant(m.tenant), m.id.toString(), p.build()));
    }

    /** A callback is closed: done or failed after its attempts. */
    public Uni<Void> callbackClosed(Callback cb) {
        Struct.Builder p = Struct.newBuilder();
        put(p, "callback_id", cb.id.toString());
        put(p, "call_id", cb.callId);
        put(p, "region_code", cb.regionCode);
        put(p, "status", cb.status.name());
        p.putFields("attempts", number(cb.attempts));
        put(p, "reason", cb.reason);
        put(p, "requested_at", cb.createdAt);
        put(p, "completed_at", cb.completedAt);
        put(p, "agent_id", cb.agentId);
        return outbox.append(NewEvent.of("intake.callback.closed", tenant(cb.tenant), cb.id.toString(), p.build()));
    }

    private static void put(Struct.Builder p, String key, Object value) {
        if (value != null) {
            p.putFields(key, Value.newBuilder().setStringValue(value.toString()).build());
        }
    }

    private static Value number(long n) {
        return Value.newBuilder().setNumberValue(n).build();
    }

    private static String tenant(String tenant) {
        return tenant == null ? "*" : tenant;
    }
}
