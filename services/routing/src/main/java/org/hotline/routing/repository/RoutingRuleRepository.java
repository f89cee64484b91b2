package org.hotline.routing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hotline.routing.domain.RoutingRule;

/** Reads and stores routing rules. */
@ApplicationScoped
@WithSession
public class RoutingRuleRepository implements PanacheRepositoryBase<RoutingRule, UUID> {

    /** Rules of a tenant in force on {@code day}, in evaluation order (defaults last). */
    public Uni<List<RoutingRule>> inForce(String tenant, LocalDate day) {
        return list("tenant = ?1 and effectiveFrom <= ?2 and (effectiveTo is null or effectiveTo > ?2) "
                + "order by isDefault, position, id", tenant, day);
    }

    public PanacheQuery<RoutingRule> ofTenant(String tenant) {
        return "*".equals(tenant) ? find("order by tenant, isDefault, position, id")
                : find("tenant = ?1 order by isDefault, position, id", tenant);
    }
}
