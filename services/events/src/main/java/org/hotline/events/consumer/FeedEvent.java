package org.hotline.events.consumer;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.time.Instant;
import java.util.UUID;
import org.hotline.contracts.events.v1.EventEnvelope;

/** An event received from a feed, as handed to a {@link FeedHandler}: the envelope plus typed access to the payload. */
public record FeedEvent(String feed, EventEnvelope envelope) {

    public UUID id() {
        return UUID.fromString(envelope.getId());
    }

    public String type() {
        return envelope.getType();
    }

    public String tenant() {
        return envelope.getTenant();
    }

    public String aggregateId() {
        return envelope.getAggregateId();
    }

    public long position() {
        return envelope.getPosition();
    }

    public Instant occurredAt() {
        return Instant.parse(envelope.getOccurredAt());
    }

    public int payloadVersion() {
        return envelope.getPayloadVersion();
    }

    /** Whether the payload is a {@code type} message (check before {@link #payload(Class)} for mixed feeds). */
    public boolean is(Class<? extends Message> type) {
        return envelope.getPayload().is(type);
    }

    /** The typed payload; a payload of another type is a bug of the producer or of the handler's type switch. */
    public <T extends Message> T payload(Class<T> type) {
        try {
            return envelope.getPayload().unpack(type);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("Event " + envelope.getId() + " of type " + type() + " does not carry a "
                    + type.getSimpleName() + " payload (" + envelope.getPayload().getTypeUrl() + ")", e);
        }
    }
}
