package org.hotline.routing.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A telephone area code (区号) and the region it serves first; shared codes list the other regions. */
@Entity
@Table(name = "area_code")
public class AreaCode extends PanacheEntityBase {

    @Id
    @Column(name = "area_code", length = 5)
    public String areaCode;

    @Column(name = "region_code", nullable = false, columnDefinition = "bpchar(6)")
    public String regionCode;

    /** Other regions dialled with the same code (e.g. 0731 长沙, 湘潭, 株洲), comma-separated. */
    @Column(name = "shared_with", length = 200)
    public String sharedWith;
}
