package org.hotline.routing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import org.hotline.routing.domain.CalendarDay;
import org.hotline.routing.domain.TenantCalendar;

/** Reads and stores calendar exceptions and tenants' working hours. */
@ApplicationScoped
@WithSession
public class CalendarRepository implements PanacheRepositoryBase<CalendarDay, CalendarDay.Key> {

    /** National days and the tenant's own, national first so that the tenant's overwrite them when merged. */
    public Uni<List<CalendarDay>> daysFor(String tenant) {
        return list("tenant in ('*', ?1) order by case when tenant = '*' then 0 else 1 end, day", tenant);
    }

    public Uni<List<CalendarDay>> daysBetween(String tenant, LocalDate from, LocalDate to) {
        return list("tenant in ('*', ?1) and day >= ?2 and day < ?3 "
                + "order by day, case when tenant = '*' then 0 else 1 end", tenant, from, to);
    }

    public Uni<TenantCalendar> tenantCalendar(String tenant) {
        return TenantCalendar.findById(tenant);
    }
}
