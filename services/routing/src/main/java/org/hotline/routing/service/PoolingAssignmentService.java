package org.hotline.routing.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hotline.common.problem.ProblemException;
import org.hotline.routing.domain.PoolingAssignment;
import org.hotline.routing.repository.PoolingAssignmentRepository;

/** Tenants' effective-dated pooling decisions: province-level pooling, or a re-division that takes effect on a date. */
@ApplicationScoped
public class PoolingAssignmentService {

    private final PoolingAssignmentRepository assignments;
    private final RegionDirectory directory;

    public PoolingAssignmentService(PoolingAssignmentRepository assignments, RegionDirectory directory) {
        this.assignments = assignments;
        this.directory = directory;
    }

    /** What a tenant admin sends. */
    public record AssignmentInput(String regionCode, String poolingCode, LocalDate effectiveFrom, LocalDate effectiveTo,
            String reason) {
    }

    @WithTransaction
    public Uni<PoolingAssignment> create(Caller caller, AssignmentInput in) {
        if (in.effectiveFrom() == null) {
            throw ProblemException.invalidField("effectiveFrom", "is required (the day the pooling takes effect)");
        }
        if (in.effectiveTo() != null && !in.effectiveTo().isAfter(in.effectiveFrom())) {
            throw ProblemException.invalidField("effectiveTo", "must be after effectiveFrom (it is exclusive)");
        }
        return directory.require("regionCode", in.regionCode() == null ? "" : in.regionCode())
                .flatMap(region -> directory.require("poolingCode", in.poolingCode() == null ? "" : in.poolingCode())
                        .flatMap(pooling -> {
                            caller.requireCenter(region.tenant(), "change pooling regions");
                            if (!pooling.tenant().equals(region.tenant()) || "COUNTY".equals(pooling.level)
                                    && !pooling.code.equals(region.code)) {
                                throw ProblemException.invalidField("poolingCode", "must be a city or the province of "
                                        + "the same tenant, or the region itself");
                            }
                            return assignments.forRegions(List.of(region.code)).flatMap(existing -> {
                                boolean overlaps = existing.stream().anyMatch(a -> overlaps(a, in));
                                if (overlaps) {
                                    throw ProblemException.conflict("pooling-overlap", "Region " + region.code
                                            + " already has a pooling assignment in force in that period.");
                                }
                                PoolingAssignment a = new PoolingAssignment();
                                a.id = UUID.randomUUID();
                                a.tenant = region.tenant();
                                a.regionCode = region.code;
                                a.poolingCode = pooling.code;
                                a.effectiveFrom = in.effectiveFrom();
                                a.effectiveTo = in.effectiveTo();
                                a.reason = in.reason();
                                a.createdBy = caller.subject();
                                a.createdAt = Instant.now();
                                // This replica sees the change at once; the others at their next refresh.
                                return assignments.persist(a).call(x -> assignments.flush())
                                        .call(x -> directory.refreshAssignments());
                            });
                        }));
    }

    @WithSession
    public Uni<List<PoolingAssignment>> list(Caller caller, String tenant) {
        String t = caller.reach() == Caller.Reach.NATIONAL ? (tenant == null || tenant.isBlank() ? "*" : tenant)
                : caller.tenant();
        return assignments.forTenant(t);
    }

    private static boolean overlaps(PoolingAssignment a, AssignmentInput in) {
        LocalDate aEnd = a.effectiveTo == null ? LocalDate.MAX : a.effectiveTo;
        LocalDate bEnd = in.effectiveTo() == null ? LocalDate.MAX : in.effectiveTo();
        return a.effectiveFrom.isBefore(bEnd) && in.effectiveFrom().isBefore(aEnd);
    }
}
