package org.hotline.events.outbox;

import com.google.protobuf.Message;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A fact a producer is about to publish: type ({@code <service>.<aggregate>.<fact>}), tenant, aggregate, typed
 * payload and its version. The id is generated here unless the producer has one (e.g. to derive it from a request).
 *
 * @param id UUID of the event; consumers apply each event once by this id
 * @param type e.g. {@code evaluation.evaluation.recorded}
 * @param tenant 2-digit province code, or {@code *}
 * @param aggregateId public id of the aggregate the fact is about
 * @param occurredAt when it happened (UTC); the transaction's time is a good default
 * @param payloadVersion version of the payload schema for this type, starting at 1
 * @param payload the typed protobuf payload, packed as {@code google.protobuf.Any} on the wire
 */
public record NewEvent(UUID id, String type, String tenant, String aggregateId, Instant occurredAt,
        int payloadVersion, Message payload) {

    private static final Pattern TYPE = Pattern.compile("[a-z]+(\\.[a-z][a-z0-9-]*){2,}");
    private static final Pattern TENANT = Pattern.compile("\\d{2}|\\*");

    public NewEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("Event type must read <service>.<aggregate>.<fact>, got " + type);
        }
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException("Event tenant must be a 2-digit province code or *, got " + tenant);
        }
        if (aggregateId == null || aggregateId.isBlank() || aggregateId.length() > 64) {
            throw new IllegalArgumentException("Event aggregate id must be 1..64 characters");
        }
        if (payloadVersion < 1) {
            throw new IllegalArgumentException("Payload version starts at 1");
        }
    }

    /** A new event with a fresh id, happening now, payload version 1. */
    public static NewEvent of(String type, String tenant, String aggregateId, Message payload) {
        return new NewEvent(UUID.randomUUID(), type, tenant, aggregateId, Instant.now(), 1, payload);
    }

    /** The same event with another payload version. */
    public NewEvent withPayloadVersion(int version) {
        return new NewEvent(id, type, tenant, aggregateId, occurredAt, version, payload);
    }

    /** The same event with another time of occurrence. */
    public NewEvent at(Instant instant) {
        return new NewEvent(id, type, tenant, aggregateId, instant, payloadVersion, payload);
    }
}
