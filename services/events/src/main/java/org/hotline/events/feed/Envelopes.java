package org.hotline.events.feed;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.hotline.contracts.events.v1.EventEnvelope;

/** Builds the envelope of an outbox row: the same bytes whichever transport carries it. */
public final class Envelopes {

    private Envelopes() {
    }

    /** The envelope of one sequenced outbox row. */
    public static EventEnvelope of(UUID id, String type, String tenant, String aggregateId, Instant occurredAt,
            String payloadType, int payloadVersion, byte[] payload, long position) {
        return EventEnvelope.newBuilder()
                .setId(id.toString())
                .setType(type)
                .setTenant(tenant)
                .setAggregateId(aggregateId)
                .setPosition(position)
                .setOccurredAt(DateTimeFormatter.ISO_INSTANT.format(occurredAt))
                .setPayloadVersion(payloadVersion)
                .setPayload(Any.newBuilder()
                        .setTypeUrl("type.googleapis.com/" + payloadType)
                        .setValue(ByteString.copyFrom(payload)))
                .build();
    }
}
