package org.hotline.knowledge.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A phone number of a directory entry, with when it was last verified and how often it was reported dead. */
@Entity
@Table(name = "institution_phone")
public class InstitutionPhone extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "institution_id")
    public Institution institution;

    @Column(nullable = false, length = 32)
    public String phone;

    @Column(length = 60)
    public String label;

    @Column(name = "last_verified_at")
    public OffsetDateTime lastVerifiedAt;

    @Column(name = "dead_reports", nullable = false)
    public int deadReports;

    @Column(nullable = false)
    public boolean withheld;
}
