package org.hotline.knowledge.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.FilterDef;
import org.hibernate.annotations.ParamDef;
import org.hotline.common.tenancy.CallerTenant;
import org.hotline.common.tenancy.TenantFilter;

/** A policy article: the stable identity of a question answered for one region scope; its text lives in versions. */
// Declared once per persistence unit; every tenant-owned entity of the service carries @Filter (docs/security.md).
// National articles ('*') are read by every province, as ArticleRepository's queries allow.
@FilterDef(name = TenantFilter.NAME, defaultCondition = TenantFilter.CONDITION, autoEnabled = true,
        applyToLoadByKey = true, parameters = @ParamDef(name = TenantFilter.PARAMETER, type = String.class,
                resolver = CallerTenant.class))
@Filter(name = TenantFilter.NAME, condition = TenantFilter.CONDITION_OR_NATIONAL)
@Entity
@Table(name = "article")
public class Article extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "question_key", nullable = false, length = 80)
    public String questionKey;

    @Column(name = "scope_region_code", nullable = false, columnDefinition = "bpchar(6)")
    public String scopeRegionCode;

    @Column(nullable = false, length = 2)
    public String tenant;

    @Column(name = "current_version", nullable = false)
    public int currentVersion;

    @Column(name = "archived_at")
    public OffsetDateTime archivedAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
