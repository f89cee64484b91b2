package org.hotline.routing.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hotline.common.problem.ProblemException;
import org.hotline.routing.domain.PoolingAssignment;
import org.hotline.routing.domain.Region;
import org.hotline.routing.repository.PoolingAssignmentRepository;
import org.hotline.routing.repository.RegionRepository;

/**
 * The GB/T 2260 region tree, held in memory (it changes only with a migration), and the pooling region (统筹区) of
 * any region on any day, from the tenants' effective-dated assignments or the default (the city).
 */
@ApplicationScoped
public class RegionDirectory {

    private final RegionRepository regions;
    private final PoolingAssignmentRepository assignments;
    private volatile Map<String, Region> byCode;

    public RegionDirectory(RegionRepository regions, PoolingAssignmentRepository assignments) {
        this.regions = regions;
        this.assignments = assignments;
    }

    /** Every region by code. */
    @WithSession
    public Uni<Map<String, Region>> all() {
        Map<String, Region> loaded = byCode;
        if (loaded != null) {
            return Uni.createFrom().item(loaded);
        }
        return regions.listAll().map(list -> {
            Map<String, Region> map = list.stream().collect(Collectors.toUnmodifiableMap(r -> r.code, Function.identity()));
            byCode = map;
            return map;
        });
    }

    /** The region, or null. */
    public Uni<Region> find(String code) {
        return all().map(m -> m.get(code));
    }

    /** The region, or a 404 naming the field that carried the unknown code. */
    public Uni<Region> require(String field, String code) {
        return find(code).onItem().ifNull().failWith(() -> ProblemException.notFound("unknown-region",
                field + ": '" + code + "' is not a known GB/T 2260 region code."));
    }

    /** The region and its ancestors, nearest first. */
    public static List<String> lineage(Map<String, Region> map, String code) {
        List<String> codes = new ArrayList<>();
        for (Region r = map.get(code); r != null && codes.size() < 4; r = r.parentCode == null ? null : map.get(r.parentCode)) {
            codes.add(r.code);
        }
        return codes;
    }

    /** Whether {@code code} is {@code ancestor} or lies below it. */
    public static boolean within(Map<String, Region> map, String code, String ancestor) {
        return lineage(map, code).contains(ancestor);
    }

    /**
     * The pooling region of {@code region} on {@code day}: the nearest assignment in force for the region or one of
     * its ancestors, else the region's default pooling region.
     */
    @WithSession
    public Uni<Region> poolingOf(Region region, LocalDate day) {
        return all().flatMap(map -> {
            List<String> lineage = lineage(map, region.code);
            return assignments.forRegions(lineage).map(found -> {
                for (String code : lineage) {
                    for (PoolingAssignment a : found) {
                        if (a.regionCode.equals(code) && a.inForceOn(day)) {
                            return map.get(a.poolingCode);
                        }
                    }
                }
                return map.get(region.defaultPoolingCode);
            });
        });
    }
}
