package org.hotline.events.transport;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** What the test consumer writes per applied event: the effect whose exactness the feed tests check. */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "aggregate_id")
    public String aggregateId;

    public String tenant;

    /** The event's number within its aggregate (0, 1, 2, ...), from the payload. */
    public long seq;
}
