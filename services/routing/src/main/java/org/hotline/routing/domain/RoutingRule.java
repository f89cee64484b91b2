package org.hotline.routing.domain;

import org.hotline.common.category.ServiceCategory;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hotline.common.tenancy.TenantFilter;

/** One routing rule of a tenant: what it matches, where the order goes and in what time limit. */
@Filter(name = TenantFilter.NAME)
@Entity
@Table(name = "routing_rule")
public class RoutingRule extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(columnDefinition = "bpchar(2)", nullable = false)
    public String tenant;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public int position;

    @Column(name = "region_code", columnDefinition = "bpchar(6)")
    public String regionCode;

    @Enumerated(EnumType.STRING)
    public ServiceCategory category;

    public String subcategory;

    /** Comma-separated words; null matches every text. */
    public String keywords;

    @Enumerated(EnumType.STRING)
    public Priority priority;

    @Column(name = "target_unit_id")
    public UUID targetUnitId;

    @Column(name = "pool_scope")
    @Enumerated(EnumType.STRING)
    public PoolScope poolScope;

    @Column(name = "limit_value", nullable = false)
    public int limitValue;

    @Column(name = "limit_unit", nullable = false)
    @Enumerated(EnumType.STRING)
    public LimitUnit limitUnit;

    @Column(name = "accept_limit_hours", nullable = false)
    public int acceptLimitHours;

    @Column(name = "is_default", nullable = false)
    public boolean isDefault;

    @Column(name = "effective_from", nullable = false)
    public LocalDate effectiveFrom;

    @Column(name = "effective_to")
    public LocalDate effectiveTo;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public int version;

    /** {@link #keywords} split, with the text it was split from: a rule is matched far more often than changed. */
    @Transient
    private transient SplitKeywords split;

    private record SplitKeywords(String text, List<String> words) {
    }

    /** The keywords as a list, empty when the rule matches any text. */
    public List<String> keywordList() {
        String text = keywords;
        SplitKeywords known = split;
        if (known != null && java.util.Objects.equals(known.text(), text)) {
            return known.words();
        }
        List<String> words = text == null || text.isBlank() ? List.of()
                : Arrays.stream(text.split(",")).map(String::trim).filter(k -> !k.isEmpty()).toList();
        split = new SplitKeywords(text, words);
        return words;
    }

    /** Whether the rule is in force on {@code day}. */
    public boolean inForceOn(LocalDate day) {
        return !day.isBefore(effectiveFrom) && (effectiveTo == null || day.isBefore(effectiveTo));
    }
}
