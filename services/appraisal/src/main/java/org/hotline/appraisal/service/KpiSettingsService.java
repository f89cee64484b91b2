package org.hotline.appraisal.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.hotline.appraisal.domain.KpiSettings;
import org.hotline.common.problem.ProblemException;

/**
 * Per-tenant KPI settings, append-only: a tenant without its own versions uses the national ones ("*"), and without
 * those the built-in defaults (version 0).
 */
@ApplicationScoped
public class KpiSettingsService {

    /** Abandon treatments of the service level (docs/appraisal.md). */
    public static final List<String> TREATMENTS = List.of("ANSWERED", "IGNORED", "AGAINST", "FOR");

    /** The settings in force for {@code tenant} (null = national), or the given version of them. */
    @WithSession
    public Uni<KpiSettings> current(String tenant, Integer version) {
        String own = tenant == null ? "*" : tenant;
        if (version != null) {
            if (version == 0) {
                return Uni.createFrom().item(KpiSettings.defaults(own));
            }
            return KpiSettings.<KpiSettings>find("tenant = ?1 and version = ?2", own, version).firstResult()
                    .onItem().ifNull().failWith(() -> ProblemException.notFound("settings-version-not-found",
                            "Tenant " + own + " has no settings version " + version + "."));
        }
        return latest(own).chain(s -> s != null || "*".equals(own) ? Uni.createFrom().item(s) : latest("*"))
                .map(s -> s != null ? s : KpiSettings.defaults(own));
    }

    /** Every stored version of a tenant's settings, newest first. */
    @WithSession
    public Uni<List<KpiSettings>> versions(String tenant) {
        return KpiSettings.<KpiSettings>find("tenant = ?1 order by version desc", tenant).list();
    }

    /** Stores {@code next} as the tenant's next version. */
    @WithTransaction
    public Uni<KpiSettings> save(String tenant, KpiSettings next, String by) {
        return KpiSettings.<KpiSettings>find("tenant = ?1 order by version desc", tenant).firstResult().chain(last -> {
            next.tenant = tenant;
            next.version = last == null ? 1 : last.version + 1;
            next.createdAt = Instant.now();
            next.createdBy = by;
            return next.<KpiSettings>persist();
        });
    }

    private static Uni<KpiSettings> latest(String tenant) {
        return KpiSettings.<KpiSettings>find("tenant = ?1 order by version desc", tenant).firstResult();
    }
}
