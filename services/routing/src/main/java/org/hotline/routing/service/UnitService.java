package org.hotline.routing.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hotline.common.phone.PhoneNumber;
import org.hotline.common.problem.ProblemException;
import org.hotline.routing.domain.Unit;
import org.hotline.routing.domain.WorkingTime;
import org.hotline.routing.repository.UnitRepository;

/** Units (承办单位) of a tenant: a hierarchy of agencies, offices and departments, each with a leader and hours. */
@ApplicationScoped
public class UnitService {

    private final UnitRepository units;
    private final RegionDirectory directory;
    private final DispatchBook book;

    public UnitService(UnitRepository units, RegionDirectory directory, DispatchBook book) {
        this.units = units;
        this.directory = directory;
        this.book = book;
    }

    /** What a tenant admin sends to create or change a unit. */
    public record UnitInput(String tenant, UUID parentId, String name, Unit.Kind kind, String regionCode,
            String leaderName, String leaderPhone, String workingHours, Integer openClaimCap, Boolean active) {
    }

    /** A page of units and the total. */
    public record UnitPage(List<Unit> items, long total, int page, int size) {
    }

    public Uni<Unit> create(Caller caller, UnitInput in) {
        // Not @WithTransaction: the book is told after the commit, so that no order is routed with a read
        // taken between the change and its commit.
        return Panache.withTransaction(() -> {
            String tenant = tenantOf(caller, in.tenant());
            Unit u = new Unit();
            u.id = UUID.randomUUID();
            u.tenant = tenant;
            u.createdAt = Instant.now();
            u.active = true;
            u.openClaimCap = 5;
            return apply(u, in).flatMap(units::persist);
        }).invoke(unit -> book.changed(unit.tenant));
    }

    public Uni<Unit> update(Caller caller, UUID id, UnitInput in) {
        return Panache.withTransaction(() -> get(caller, id).flatMap(u -> {
            caller.requireCenter(u.tenant, "change units");
            return apply(u, in);
        })).invoke(unit -> book.changed(unit.tenant));
    }

    @WithSession
    public Uni<Unit> get(Caller caller, UUID id) {
        return units.findById(id).map(u -> {
            if (u == null || !caller.reachesTenant(u.tenant)) {
                throw ProblemException.notFound("unit-not-found", "No unit " + id + " in your tenant.");
            }
            return u;
        });
    }

    @WithSession
    public Uni<UnitPage> list(Caller caller, String tenant, int page, int size) {
        String t = caller.reach() == Caller.Reach.NATIONAL ? (tenant == null || tenant.isBlank() ? "*" : tenant)
                : caller.tenant();
        if (caller.reach() != Caller.Reach.NATIONAL && tenant != null && !tenant.isBlank()) {
            caller.requireTenant(tenant);
        }
        var q = units.ofTenant(t);
        return q.page(Page.of(page, size)).list().flatMap(items -> q.count().map(n -> new UnitPage(items, n, page, size)));
    }

    private String tenantOf(Caller caller, String requested) {
        if (caller.reach() == Caller.Reach.NATIONAL) {
            if (requested == null || !requested.matches("\\d{2}")) {
                throw ProblemException.invalidField("tenant", "a national caller must name the tenant (2-digit code, e.g. 37)");
            }
            return requested;
        }
        caller.requireCenter(requested == null || requested.isBlank() ? caller.tenant() : requested, "create units");
        return caller.tenant();
    }

    private Uni<Unit> apply(Unit u, UnitInput in) {
        if (in.name() == null || in.name().isBlank() || in.name().length() > 200) {
            throw ProblemException.invalidField("name", "is required (at most 200 characters), e.g. 淄博市医保中心异地科");
        }
        if (in.kind() == null) {
            throw ProblemException.invalidField("kind", "is required: one of " + java.util.Arrays.toString(Unit.Kind.values()));
        }
        if (in.workingHours() != null && !in.workingHours().isBlank()) {
            try {
                WorkingTime.parsePeriods(in.workingHours());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("workingHours", e.getMessage() + " (e.g. 09:00-12:00,13:00-17:00)");
            }
        }
        if (in.openClaimCap() != null && (in.openClaimCap() < 0 || in.openClaimCap() > 1000)) {
            throw ProblemException.invalidField("openClaimCap", "must be between 0 and 1000");
        }
        String leaderPhone = in.leaderPhone() == null || in.leaderPhone().isBlank() ? null : in.leaderPhone().trim();
        if (leaderPhone != null && (!leaderPhone.matches("[0-9+\\-() ]{5,32}") || PhoneNumber.normalise(leaderPhone) == null
                || PhoneNumber.digits(leaderPhone).length() < 7)) {
            throw ProblemException.invalidField("leaderPhone", "is not a phone number, e.g. 0533-3120001 or 13905330000");
        }
        if (in.regionCode() == null || !in.regionCode().matches("\\d{6}")) {
            throw ProblemException.invalidField("regionCode", "is required: the 6-digit region the unit serves, e.g. 370300");
        }
        return directory.find(in.regionCode()).flatMap(region -> {
            if (region == null || !region.tenant().equals(u.tenant)) {
                throw ProblemException.invalidField("regionCode", "'" + in.regionCode() + "' is not a region of tenant " + u.tenant);
            }
            Uni<Unit> parent = in.parentId() == null ? Uni.createFrom().nullItem() : units.findById(in.parentId());
            return parent.map(p -> {
                if (in.parentId() != null && (p == null || !p.tenant.equals(u.tenant) || p.id.equals(u.id))) {
                    throw ProblemException.invalidField("parentId", "is not another unit of tenant " + u.tenant);
                }
                u.parentId = in.parentId();
                u.name = in.name().trim();
                u.kind = in.kind();
                u.regionCode = in.regionCode();
                u.leaderName = in.leaderName();
                // Normalised, so the supervision notice names a number that can be dialled.
                u.leaderPhone = leaderPhone == null ? null : PhoneNumber.normalise(leaderPhone);
                u.workingHours = in.workingHours() == null || in.workingHours().isBlank() ? null : in.workingHours().trim();
                if (in.openClaimCap() != null) {
                    u.openClaimCap = in.openClaimCap();
                }
                if (in.active() != null) {
                    u.active = in.active();
                }
                u.updatedAt = Instant.now();
                return u;
            });
        });
    }
}
