package org.hotline.routing.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Audit entry of one calendar change: who set or removed which day, and how many open deadlines moved. */
@Entity
@Table(name = "calendar_change")
public class CalendarChange extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String tenant;

    @Column(nullable = false)
    public LocalDate day;

    /** SET or REMOVED. */
    @Column(nullable = false)
    public String action;

    public Boolean working;

    public String name;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public Instant at;

    @Column(name = "orders_recomputed", nullable = false)
    public int ordersRecomputed;
}
