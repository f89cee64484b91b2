package org.hotline.events.transport;

import com.google.protobuf.Int64Value;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hotline.events.outbox.EventOutbox;
import org.hotline.events.outbox.NewEvent;

/** The test application's producer: appends ledger events to the outbox in one transaction per call. */
@ApplicationScoped
public class LedgerWriter {

    static final String TYPE = "events.ledger.credited";

    private final EventOutbox outbox;

    public LedgerWriter(EventOutbox outbox) {
        this.outbox = outbox;
    }

    /** The event numbered {@code seq} of aggregate {@code aggregateId}. */
    static NewEvent credited(String tenant, String aggregateId, long seq) {
        return NewEvent.of(TYPE, tenant, aggregateId, Int64Value.of(seq));
    }

    @WithTransaction
    public Uni<Void> write(List<NewEvent> events) {
        return outbox.appendAll(events);
    }

    /** Appends the events, then fails: the transaction rolls back and they must never reach a consumer. */
    @WithTransaction
    public Uni<Void> writeThenFail(List<NewEvent> events) {
        return outbox.appendAll(events).chain(() -> Uni.createFrom().failure(new IllegalStateException("rolled back")));
    }
}
