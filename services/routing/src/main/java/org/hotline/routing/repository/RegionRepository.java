package org.hotline.routing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hotline.routing.domain.AreaCode;
import org.hotline.routing.domain.Region;

/** Reads the region directory and its telephone area codes. */
@ApplicationScoped
@WithSession
public class RegionRepository implements PanacheRepositoryBase<Region, String> {

    /** The area code row, or null. */
    public Uni<AreaCode> findAreaCode(String areaCode) {
        return AreaCode.findById(areaCode);
    }
}
