package org.hotline.intake.domain;

import org.hotline.common.category.ServiceCategory;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** A case handed to routing as a work order, kept until routing has taken it (outbox); the citizen's query code. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "hand_off")
public class HandOff extends PanacheEntityBase {

    @Id
    @Column(name = "contact_id")
    public UUID contactId;
    public String tenant;
    @Column(name = "query_code")
    public String queryCode;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    @Enumerated(EnumType.STRING)
    public ServiceCategory category;
    public String subcategory;
    public String title;
    public String description;
    @Column(name = "citizen_phone")
    public String citizenPhone;
    @Column(name = "citizen_name")
    public String citizenName;
    public String address;
    public Double lat;
    public Double lon;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "registered_by")
    public String registeredBy;
    @Enumerated(EnumType.STRING)
    public HandOffStatus status;
    public int attempts;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "work_order_id")
    public String workOrderId;
    @Column(name = "work_order_status")
    public String workOrderStatus;
    @Column(name = "open311_status")
    public String open311Status;
    @Column(name = "agency_responsible")
    public String agencyResponsible;
    @Column(name = "expected_at")
    public Instant expectedAt;
    public String reply;
    @Column(name = "status_notes")
    public String statusNotes;
    @Column(name = "synced_at")
    public Instant syncedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
