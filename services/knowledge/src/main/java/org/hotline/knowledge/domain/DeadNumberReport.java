package org.hotline.knowledge.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One "wrong or dead number" report, kept once per report id so retries count once. */
@Entity
@Table(name = "dead_number_report")
public class DeadNumberReport extends PanacheEntityBase {

    @Id
    @Column(name = "report_id", length = 100)
    public String reportId;

    @Column(name = "phone_id", nullable = false)
    public UUID phoneId;

    @Column(nullable = false, length = 16)
    public String source;

    @Column(length = 500)
    public String note;

    @Column(name = "reported_at", nullable = false)
    public OffsetDateTime reportedAt;

    /** Tenant and subject of who reported ("37:agent-1"); null on a reporter's repeated reports, which do not count. */
    @Column(length = 100)
    public String reporter;

    @Column(name = "reporter_tenant", length = 2)
    public String reporterTenant;
}
