package org.hotline.intake.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.hotline.intake.config.IntakeConfig;
import org.hotline.intake.domain.TenantServiceHours;
import org.hotline.intake.repository.TenantServiceHoursRepository;

/**
 * The provinces' service hours as their administrators set them, over the configured defaults. Every replica holds
 * them in memory for the hot path ({@link ServiceHoursCalendar} reads a map, never the database): a change is
 * applied at once on the replica that saved it, and the others see it at their next refresh
 * ({@code hotline.intake.service-hours-refresh}, 10 s), which reads one number (the table's highest version) and
 * reloads the few rows only when it moved.
 */
@ApplicationScoped
public class ServiceHoursSettings {

    /** A province's hours as stored, with where they came from. */
    public record Effective(String tenant, WeeklyHours hours, boolean configured, long version, String updatedBy,
            Instant updatedAt) {
    }

    /** What the replica holds: each province's stored hours and the table version they were read at. */
    private record Snapshot(Map<String, Effective> byTenant, long version) {
    }

    private final TenantServiceHoursRepository repository;
    private final DataSource dataSource;
    private final IntakeConfig config;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), -1);

    public ServiceHoursSettings(TenantServiceHoursRepository repository, DataSource dataSource, IntakeConfig config) {
        this.repository = repository;
        this.dataSource = dataSource;
        this.config = config;
    }

    /** The hours a province's administrator set, as this replica holds them; null: the configured hours apply. */
    public Effective stored(String tenant) {
        return snapshot.byTenant().get(tenant);
    }

    /** The configured hours of a province (the defaults while its administrator has set none). */
    public Effective configured(String tenant) {
        IntakeConfig.ServiceHours sh = config.tenantHours().get(tenant);
        return new Effective(tenant, WeeklyHours.of(sh == null ? config.serviceHours() : sh), true, 0, null, null);
    }

    /** A province's hours read from the database (the API's answer), else its configured hours. */
    @WithSession
    public Uni<Effective> current(String tenant) {
        return repository.findById(tenant).map(row -> row == null ? configured(tenant) : effective(row));
    }

    /** Replaces a province's hours; applied to this replica's memory once committed. */
    public Uni<Effective> change(String tenant, WeeklyHours hours, String subject) {
        TenantServiceHours row = new TenantServiceHours();
        row.tenant = tenant;
        row.zone = hours.zone();
        row.openAt = WeeklyHours.format(hours.open());
        row.closeAt = WeeklyHours.format(hours.close());
        row.lunchStart = WeeklyHours.format(hours.lunchStart());
        row.lunchEnd = WeeklyHours.format(hours.lunchEnd());
        row.days = String.join(",", hours.dayNames());
        row.updatedBy = subject.length() <= 255 ? subject : subject.substring(0, 255);
        row.updatedAt = Instant.now();
        return Panache.withTransaction(() -> repository.save(row)).map(version -> {
            row.version = version;
            Effective saved = effective(row);
            apply(saved);
            Log.infof("Service hours of tenant %s set to %s on %s (%s), version %d", tenant, hours.periodTexts(),
                    hours.dayNames(), hours.zone(), version);
            return saved;
        });
    }

    /** Loads the stored hours before the first contact is served. */
    void load(@Observes StartupEvent start) {
        refresh();
    }

    /**
     * Reloads the stored hours when another replica (or an operator's SQL) changed them: the table's highest version
     * tells, so an unchanged table costs one index look-up. A failure keeps what is held (logged).
     */
    @Scheduled(every = "${hotline.intake.service-hours-refresh:10s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        // Native SQL over every province by design: the service itself keeps every province's hours (docs/security.md).
        try (Connection c = dataSource.getConnection()) {
            long version;
            try (PreparedStatement s = c.prepareStatement("SELECT coalesce(max(version), 0) FROM service_hours");
                    ResultSet r = s.executeQuery()) {
                r.next();
                version = r.getLong(1);
            }
            if (version == snapshot.version()) {
                return;
            }
            Map<String, Effective> byTenant = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT tenant, zone, open_at, close_at, lunch_start, "
                    + "lunch_end, days, version, updated_by, updated_at FROM service_hours");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    TenantServiceHours row = new TenantServiceHours();
                    row.tenant = r.getString(1);
                    row.zone = r.getString(2);
                    row.openAt = r.getString(3);
                    row.closeAt = r.getString(4);
                    row.lunchStart = r.getString(5);
                    row.lunchEnd = r.getString(6);
                    row.days = r.getString(7);
                    row.version = r.getLong(8);
                    row.updatedBy = r.getString(9);
                    row.updatedAt = r.getTimestamp(10).toInstant();
                    try {
                        byTenant.put(row.tenant, effective(row));
                    } catch (RuntimeException e) {
                        Log.warnf("Service hours of tenant %s are unreadable (%s); its configured hours apply",
                                row.tenant, e.getMessage());
                    }
                }
            }
            replace(byTenant, version);
            Log.debugf("Service hours of %d province(s) loaded at version %d", byTenant.size(), version);
        } catch (SQLException | RuntimeException e) {
            Log.warnf("Service hours not reloaded (%s); the ones held are kept", e.toString());
        }
    }

    /** Takes what was loaded, keeping a change this replica saved while the load ran (its version is newer). */
    private synchronized void replace(Map<String, Effective> loaded, long version) {
        snapshot.byTenant().forEach((tenant, held) -> {
            Effective read = loaded.get(tenant);
            if (read == null || read.version() < held.version()) {
                loaded.put(tenant, held);
            }
        });
        snapshot = new Snapshot(Map.copyOf(loaded), version);
    }

    /** Puts a province's saved hours into this replica's memory (the table version is left for the refresh). */
    private synchronized void apply(Effective saved) {
        Snapshot now = snapshot;
        Effective held = now.byTenant().get(saved.tenant());
        if (held != null && held.version() > saved.version()) {
            return; // a later change was loaded already
        }
        Map<String, Effective> byTenant = new HashMap<>(now.byTenant());
        byTenant.put(saved.tenant(), saved);
        snapshot = new Snapshot(Map.copyOf(byTenant), now.version());
    }

    private static Effective effective(TenantServiceHours row) {
        WeeklyHours hours = new WeeklyHours(row.zone, WeeklyHours.time(row.openAt), WeeklyHours.time(row.closeAt),
                row.lunchStart == null ? null : WeeklyHours.time(row.lunchStart),
                row.lunchEnd == null ? null : WeeklyHours.time(row.lunchEnd),
                WeeklyHours.days(List.of(row.days.split(","))));
        return new Effective(row.tenant, hours, false, row.version, row.updatedBy, row.updatedAt);
    }
}
