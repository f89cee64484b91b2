package org.hotline.routing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hotline.routing.domain.CalendarDay;
import org.hotline.routing.domain.TenantCalendar;

/** Reads and stores calendar exceptions and tenants' working hours. */
@ApplicationScoped
@WithSession
public class CalendarRepository implements PanacheRepositoryBase<CalendarDay, CalendarDay.Key> {

    public Uni<TenantCalendar> tenantCalendar(String tenant) {
        return TenantCalendar.findById(tenant);
    }
}
