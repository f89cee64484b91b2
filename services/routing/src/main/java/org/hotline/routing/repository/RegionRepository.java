package org.hotline.routing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hotline.routing.domain.AreaCode;
import org.hotline.routing.domain.Region;

/** Reads the region directory. */
@ApplicationScoped
@WithSession
public class RegionRepository implements PanacheRepositoryBase<Region, String> {

    /** The region served by a telephone area code, or null. */
    public Uni<Region> findByAreaCode(String areaCode) {
        return AreaCode.<AreaCode>findById(areaCode)
                .onItem().ifNotNull().transformToUni(a -> findById(a.regionCode));
    }

    /** Whether any area code starts with these digits, used to split "0533312..." into code and number. */
    public Uni<Region> findByCode(String code) {
        return findById(code);
    }
}
