package org.hotline.appraisal;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.hotline.contracts.events.v1.EventEnvelope;
import org.hotline.events.consumer.FeedEvent;
import org.hotline.events.consumer.FeedHandler;

/** Builds feed events as producers publish them and applies them the way hotline-events does (one transaction). */
final class Feeds {

    private Feeds() {
    }

    /** A day nobody else's test uses: figures of one test never mix with another run's. */
    static Instant freshDay() {
        long day = ThreadLocalRandom.current().nextLong(0, 40_000);
        return Instant.parse("2040-01-01T00:00:00Z").plusSeconds(day * 86_400);
    }

    static FeedEvent event(String feed, String type, String tenant, String aggregate, Instant at, Message payload) {
        return new FeedEvent(feed, EventEnvelope.newBuilder().setId(UUID.randomUUID().toString()).setType(type)
                .setTenant(tenant).setAggregateId(aggregate).setPosition(1).setOccurredAt(at.toString())
                .setPayloadVersion(1).setPayload(Any.pack(payload)).build());
    }

    static Struct struct(Map<String, Object> fields) {
        Struct.Builder b = Struct.newBuilder();
        fields.forEach((k, v) -> b.putFields(k, v instanceof Number n ? Value.newBuilder().setNumberValue(n.doubleValue())
                .build() : Value.newBuilder().setStringValue(v.toString()).build()));
        return b.build();
    }

    /** Applies the events in feed order in one transaction, in batches as the library hands them over. */
    static void apply(FeedHandler handler, List<FeedEvent> events, int batch) throws Throwable {
        for (int i = 0; i < events.size(); i += batch) {
            List<FeedEvent> part = new ArrayList<>(events.subList(i, Math.min(events.size(), i + batch)));
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> handler.applyAll(part)));
        }
    }
}
