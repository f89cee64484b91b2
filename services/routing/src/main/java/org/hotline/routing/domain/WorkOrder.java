package org.hotline.routing.domain;

import org.hotline.common.category.ServiceCategory;

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
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.FilterDef;
import org.hibernate.annotations.ParamDef;
import org.hotline.common.tenancy.CallerTenant;
import org.hotline.common.tenancy.TenantFilter;

/**
 * A work order (工单): the citizen's matter, the unit that owns it, its deadlines and where it stands. Updates write
 * only changed columns so that the warning sweep's single-column updates are never overwritten by a stale copy.
 */
// Declared once per persistence unit; every tenant-owned entity of the service carries @Filter (docs/security.md).
@FilterDef(name = TenantFilter.NAME, defaultCondition = TenantFilter.CONDITION, autoEnabled = true,
        applyToLoadByKey = true, parameters = @ParamDef(name = TenantFilter.PARAMETER, type = String.class,
                resolver = CallerTenant.class))
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "work_order")
@DynamicUpdate
public class WorkOrder extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(columnDefinition = "bpchar(2)", nullable = false)
    public String tenant;

    @Column(name = "idempotency_key", nullable = false)
    public String idempotencyKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ServiceCategory category;

    public String subcategory;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Priority priority;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String description;

    @Column(name = "citizen_name")
    public String citizenName;

    @Column(name = "citizen_phone")
    public String citizenPhone;

    public String address;

    @Column(name = "region_code", columnDefinition = "bpchar(6)", nullable = false)
    public String regionCode;

    @Column(name = "pooling_region_code", columnDefinition = "bpchar(6)", nullable = false)
    public String poolingRegionCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public WorkOrderStatus status;

    @Column(name = "unit_id")
    public UUID unitId;

    @Column(name = "first_responsible_unit_id")
    public UUID firstResponsibleUnitId;

    @Column(name = "answerable_unit_id")
    public UUID answerableUnitId;

    @Enumerated(EnumType.STRING)
    @Column(name = "pool_scope")
    public PoolScope poolScope;

    @Column(name = "pool_region_code", columnDefinition = "bpchar(6)")
    public String poolRegionCode;

    @Column(name = "claim_expires_at")
    public Instant claimExpiresAt;

    @Column(name = "rule_id")
    public UUID ruleId;

    @Column(name = "routing_decision", nullable = false)
    public String routingDecision;

    @Column(name = "limit_value", nullable = false)
    public int limitValue;

    @Enumerated(EnumType.STRING)
    @Column(name = "limit_unit", nullable = false)
    public LimitUnit limitUnit;

    @Column(name = "accept_limit_hours", nullable = false)
    public int acceptLimitHours;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "clock_started_at", nullable = false)
    public Instant clockStartedAt;

    @Column(name = "accept_by")
    public Instant acceptBy;

    @Column(name = "due_at")
    public Instant dueAt;

    /** SHA-256 of the creation request (hex), to refuse a reused Idempotency-Key with another body. */
    @Column(name = "request_hash")
    public String requestHash;

    /** First year the deadline's count reaches without national holiday data (weekends only), else null. */
    @Column(name = "deadline_year_without_data")
    public Integer deadlineYearWithoutData;

    @Column(name = "warn_at")
    public Instant warnAt;

    @Column(name = "paused_at")
    public Instant pausedAt;

    @Column(name = "limit_working_minutes")
    public Long limitWorkingMinutes;

    @Column(name = "remaining_working_minutes")
    public Long remainingWorkingMinutes;

    @Enumerated(EnumType.STRING)
    @Column(name = "status_before_pause")
    public WorkOrderStatus statusBeforePause;

    @Column(name = "warning_level", nullable = false)
    public String warningLevel;

    public String reply;

    @Column(name = "replied_at")
    public Instant repliedAt;

    @Column(name = "callback_due_at")
    public Instant callbackDueAt;

    @Column(name = "callback_at")
    public Instant callbackAt;

    public String satisfaction;

    @Column(name = "returns_used", nullable = false)
    public int returnsUsed;

    @Column(name = "return_budget", nullable = false)
    public int returnBudget;

    @Column(name = "reopen_count", nullable = false)
    public int reopenCount;

    @Column(nullable = false)
    public boolean supervised;

    @Column(name = "status_notes")
    public String statusNotes;

    @Column(name = "extension_requested_days")
    public Integer extensionRequestedDays;

    @Column(name = "extension_reason")
    public String extensionReason;

    @Column(name = "registered_by", nullable = false)
    public String registeredBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Version
    public int version;

    /**
     * Starts the reply clock at {@code start} with the order's limit on working time {@code wt}; the yellow warning
     * after {@code yellowFraction} of it.
     */
    public void startClock(WorkingTime wt, Instant start, double yellowFraction) {
        clockStartedAt = start;
        dueAt = wt.deadline(start, limitValue, limitUnit);
        limitWorkingMinutes = wt.workingMinutesBetween(start, dueAt);
        warnAt = wt.plusWorkingMinutes(start, (long) Math.ceil(limitWorkingMinutes * yellowFraction));
        deadlineYearWithoutData = wt.firstYearWithoutData(start, dueAt);
        warningLevel = "NONE";
        pausedAt = null;
        remainingWorkingMinutes = null;
    }
}
