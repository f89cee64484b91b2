package org.hotline.routing.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/** An exception to "Monday to Friday are working days": a public holiday or an adjusted working day (调休). */
@Entity
@Table(name = "calendar_day")
@IdClass(CalendarDay.Key.class)
public class CalendarDay extends PanacheEntityBase {

    /** Tenant ('*' for the national State Council calendar) and day. */
    public static class Key implements Serializable {
        public String tenant;
        public LocalDate day;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(tenant, k.tenant) && Objects.equals(day, k.day);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenant, day);
        }
    }

    @Id
    public String tenant;

    @Id
    public LocalDate day;

    @Column(nullable = false)
    public boolean working;

    @Column(nullable = false)
    public String name;
}
