package org.hotline.evaluation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;
import org.hibernate.annotations.FilterDef;
import org.hibernate.annotations.ParamDef;
import org.hotline.common.tenancy.CallerTenant;

/** A complaint replied or closed in routing, as followed from routing's feed, and where its evaluation stands. */
// Declared once per persistence unit; every tenant-owned entity of the service carries @Filter (docs/security.md).
@FilterDef(name = TenantFilter.NAME, defaultCondition = TenantFilter.CONDITION, autoEnabled = true,
        applyToLoadByKey = true, parameters = @ParamDef(name = TenantFilter.PARAMETER, type = String.class,
                resolver = CallerTenant.class))
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "evaluation_case")
public class EvaluationCase extends PanacheEntityBase {

    /** Where the evaluation workflow of a case stands. */
    public enum Stage {
        /** Known, not (yet) assigned. */
        NEW,
        /** Given to an evaluator for the current round. */
        ASSIGNED,
        /** Evaluated, nothing more to do (or on a hearing's agenda). */
        EVALUATED,
        /** Sent back for rework (退回重办); waiting for the unit's new reply. */
        REWORK,
        /** Replied again after rework; waiting for the second round's assignment. */
        REWORK_REPLIED,
        /** Supervised (督办件) at evaluation's request. */
        SUPERVISED
    }

    @Id
    public UUID id;

    @Column(nullable = false, length = 2)
    public String tenant;

    @Column(name = "work_order_id", nullable = false)
    public UUID workOrderId;

    @Column(nullable = false, length = 32)
    public String category;

    @Column(length = 100)
    public String subcategory;

    @Column(name = "region_code", nullable = false, length = 6)
    public String regionCode;

    @Column(name = "pooling_region_code", length = 6)
    public String poolingRegionCode;

    @Column(name = "unit_id")
    public UUID unitId;

    @Column(name = "first_responsible_unit_id")
    public UUID firstResponsibleUnitId;

    @Column(name = "routing_status", nullable = false, length = 32)
    public String routingStatus;

    @Column(name = "callback_satisfaction", length = 16)
    public String callbackSatisfaction;

    @Column(name = "reopen_count", nullable = false)
    public int reopenCount;

    @Column(nullable = false)
    public boolean supervised;

    @Column(name = "replied_at")
    public Instant repliedAt;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "routing_updated_at", nullable = false)
    public Instant routingUpdatedAt;

    public Boolean sampled;

    @Column(name = "sample_reason", length = 32)
    public String sampleReason;

    @Column(length = 200)
    public String title;

    @Column(length = 500)
    public String address;

    @Column(name = "citizen_phone_masked", length = 32)
    public String citizenPhoneMasked;

    @Column(name = "details_loaded_at")
    public Instant detailsLoadedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    public Stage stage;

    @Column(nullable = false)
    public int round;

    @Column(name = "rework_due_at")
    public Instant reworkDueAt;

    @Column(name = "first_complainant_verdict", length = 24)
    public String firstComplainantVerdict;

    @Column(name = "second_complainant_verdict", length = 24)
    public String secondComplainantVerdict;

    /** Why the second round could not be assigned yet (a planner reason); null once assigned. */
    @Column(name = "unassigned_reason", length = 32)
    public String unassignedReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public int version;

    /** Whether routing shows a reply (or later) now: the case can be evaluated. */
    public boolean replied() {
        return "REPLIED".equals(routingStatus) || "CALLBACK_DONE".equals(routingStatus)
                || "CLOSED".equals(routingStatus);
    }

    /** The complainant verdict that counts: the one after rework when there is one (Guangzhou's rule). */
    public String countingComplainantVerdict() {
        return secondComplainantVerdict != null ? secondComplainantVerdict : firstComplainantVerdict;
    }
}
