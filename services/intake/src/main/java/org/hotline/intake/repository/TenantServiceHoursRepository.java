package org.hotline.intake.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.hotline.intake.domain.TenantServiceHours;

/** Stores the provinces' service hours (one row per province that set its own). */
@ApplicationScoped
@WithSession
public class TenantServiceHoursRepository implements PanacheRepositoryBase<TenantServiceHours, String> {

    private static final String UPSERT = "INSERT INTO service_hours (tenant, zone, open_at, close_at, lunch_start, "
            + "lunch_end, days, version, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
            + "ON CONFLICT (tenant) DO UPDATE SET zone = EXCLUDED.zone, open_at = EXCLUDED.open_at, "
            + "close_at = EXCLUDED.close_at, lunch_start = EXCLUDED.lunch_start, lunch_end = EXCLUDED.lunch_end, "
            + "days = EXCLUDED.days, version = EXCLUDED.version, updated_by = EXCLUDED.updated_by, "
            + "updated_at = EXCLUDED.updated_at";

    /**
     * Writes a province's hours (insert or replace, so two administrators saving at once never collide on the key)
     * with the next version of the table; returns that version. Native SQL names its tenant itself.
     */
    public Uni<Long> save(TenantServiceHours h) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("SELECT nextval('service_hours_version')",
                Long.class).getSingleResult().flatMap(version -> s.createNativeQuery(UPSERT)
                        .setParameter(1, h.tenant).setParameter(2, h.zone).setParameter(3, h.openAt)
                        .setParameter(4, h.closeAt).setParameter(5, h.lunchStart).setParameter(6, h.lunchEnd)
                        .setParameter(7, h.days).setParameter(8, version).setParameter(9, h.updatedBy)
                        .setParameter(10, OffsetDateTime.ofInstant(h.updatedAt, ZoneOffset.UTC))
                        .executeUpdate().replaceWith(version)));
    }
}
