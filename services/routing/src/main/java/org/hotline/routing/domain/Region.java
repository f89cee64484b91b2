package org.hotline.routing.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A GB/T 2260 administrative region: province, prefecture-level city or county. */
@Entity
@Table(name = "region")
public class Region extends PanacheEntityBase {

    @Id
    @Column(columnDefinition = "bpchar(6)")
    public String code;

    @Column(nullable = false, length = 64)
    public String name;

    @Column(nullable = false, length = 16)
    public String level;

    @Column(name = "parent_code", columnDefinition = "bpchar(6)")
    public String parentCode;

    @Column(name = "province_code", nullable = false, columnDefinition = "bpchar(6)")
    public String provinceCode;

    /** Pooling region without a tenant's assignment: the city; a municipality; a county directly under a province. */
    @Column(name = "default_pooling_code", nullable = false, columnDefinition = "bpchar(6)")
    public String defaultPoolingCode;

    /** The tenant owning this region: the first two digits of its province code. */
    public String tenant() {
        return code.substring(0, 2);
    }
}
