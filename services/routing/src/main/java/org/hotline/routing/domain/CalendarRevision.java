package org.hotline.routing.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** How often a calendar ('*' national, or a tenant's) has changed: the version callers cache by. */
@Entity
@Table(name = "calendar_revision")
public class CalendarRevision extends PanacheEntityBase {

    @Id
    public String tenant;

    @Column(nullable = false)
    public long revision;
}
