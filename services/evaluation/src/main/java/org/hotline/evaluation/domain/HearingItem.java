package org.hotline.evaluation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** One agenda item: a disputed or supervised case, or a unit with the worst figures; its outcome and follow-ups. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "hearing_item")
public class HearingItem extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, length = 2)
    public String tenant;

    @Column(name = "hearing_id", nullable = false)
    public UUID hearingId;

    /** DISPUTED_CASE, SUPERVISED_CASE or UNIT. */
    @Column(nullable = false, length = 24)
    public String kind;

    @Column(name = "case_id")
    public UUID caseId;

    @Column(name = "unit_id")
    public UUID unitId;

    @Column(nullable = false, length = 1000)
    public String summary;

    /** UNIT_UPHELD, COMPLAINANT_UPHELD, REWORK, SUPERVISE or NOTED, once decided. */
    @Column(length = 24)
    public String outcome;

    @Column(name = "outcome_note", length = 2000)
    public String outcomeNote;

    @Column(name = "decided_at")
    public Instant decidedAt;

    /** JSON list of {action, owner, dueOn}. */
    @Column(name = "follow_ups", nullable = false)
    public String followUps;
}
