package org.hotline.routing.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hotline.common.problem.ProblemException;
import org.hotline.routing.domain.AreaCode;
import org.hotline.routing.domain.PoolingAssignment;
import org.hotline.routing.domain.Region;
import org.hotline.routing.domain.RegionCentres;
import org.hotline.routing.domain.RegionNames;
import org.hotline.routing.repository.PoolingAssignmentRepository;
import org.hotline.routing.repository.RegionRepository;

/**
 * The GB/T 2260 region tree, its area codes, names and centre points and the tenants' pooling assignments, all held
 * in memory so that a resolution never reads the database: the tree changes only with a migration, assignments are
 * reloaded after a change on this replica and every {@code hotline.routing.directory-refresh} for the others'. It
 * is loaded in the background at start (readiness waits for it, {@code DirectoryReadiness}); requests that come
 * before share that one load instead of each reading the whole tree.
 */
@ApplicationScoped
public class RegionDirectory {

    /** One consistent view of the directory. */
    public record Snapshot(Map<String, Region> byCode, Map<String, AreaCode> areaCodes,
            Map<String, List<PoolingAssignment>> assignments, RegionNames names, RegionCentres centres) {

        /**
         * The pooling region of {@code region} on {@code day}: the nearest assignment in force for the region or one
         * of its ancestors, else the region's default pooling region.
         */
        public Region poolingOf(Region region, LocalDate day) {
            for (String code : lineage(byCode, region.code)) {
                for (PoolingAssignment a : assignments.getOrDefault(code, List.of())) {
                    if (a.inForceOn(day)) {
                        return byCode.get(a.poolingCode);
                    }
                }
            }
            return byCode.get(region.defaultPoolingCode);
        }
    }

    private final RegionRepository regions;
    private final PoolingAssignmentRepository assignments;
    private volatile Snapshot snapshot;
    /** The load under way, shared by every caller until it has ended; null when none runs. */
    private Uni<Snapshot> loading;

    public RegionDirectory(RegionRepository regions, PoolingAssignmentRepository assignments) {
        this.regions = regions;
        this.assignments = assignments;
    }

    /** The directory, loaded on first use. */
    public Uni<Snapshot> snapshot() {
        Snapshot s = snapshot;
        return s != null ? Uni.createFrom().item(s) : sharedLoad();
    }

    /** Starts loading at start-up, off the main thread, so that neither start-up nor the first calls wait for it. */
    void warm(@Observes StartupEvent start) {
        VertxContextSupport.subscribe(() -> snapshot().toMulti(), subscribe -> subscribe.with(
                s -> Log.infof("Region directory loaded: %d regions, %d area codes", s.byCode().size(), s.areaCodes().size()),
                e -> Log.warnf(e, "Loading the region directory failed; the first resolution retries")));
    }

    /** One load for all the callers that come while it runs; after a failure the next caller starts another. */
    private synchronized Uni<Snapshot> sharedLoad() {
        if (snapshot != null) {
            return Uni.createFrom().item(snapshot);
        }
        if (loading == null) {
            loading = load().onTermination().invoke(this::loadEnded).memoize().indefinitely();
        }
        return loading;
    }

    private synchronized void loadEnded() {
        loading = null;
    }

    /** The snapshot if loaded, else null (for hot paths that can wait for the first load elsewhere). */
    public Snapshot loaded() {
        return snapshot;
    }

    private Uni<Snapshot> load() {
        return Panache.withSession(() -> regions.listAll().flatMap(list -> AreaCode.<AreaCode>listAll()
                .flatMap(codes -> assignments.listAll().map(as -> {
                    Map<String, Region> byCode = list.stream()
                            .collect(Collectors.toUnmodifiableMap(r -> r.code, Function.identity()));
                    Map<String, AreaCode> byArea = codes.stream()
                            .collect(Collectors.toUnmodifiableMap(a -> a.areaCode, Function.identity()));
                    Snapshot s = new Snapshot(byCode, byArea, group(as), new RegionNames(list), RegionCentres.load());
                    snapshot = s;
                    return s;
                }))));
    }

    private static Map<String, List<PoolingAssignment>> group(List<PoolingAssignment> list) {
        Map<String, List<PoolingAssignment>> map = new HashMap<>();
        list.forEach(a -> map.computeIfAbsent(a.regionCode, k -> new ArrayList<>()).add(a));
        map.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(map);
    }

    /** Reloads the pooling assignments (after a change, and periodically for changes made by other replicas). */
    public Uni<Void> refreshAssignments() {
        Snapshot s = snapshot;
        if (s == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(() -> assignments.listAll()).invoke(as -> snapshot =
                new Snapshot(s.byCode(), s.areaCodes(), group(as), s.names(), s.centres())).replaceWithVoid();
    }

    @Scheduled(every = "${hotline.routing.directory-refresh:30s}", delayed = "${hotline.routing.directory-refresh:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRefresh() {
        return refreshAssignments().onFailure().invoke(e -> Log.warnf(e, "Reloading pooling assignments failed; "
                + "the next refresh retries")).onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Every region by code. */
    public Uni<Map<String, Region>> all() {
        return snapshot().map(Snapshot::byCode);
    }

    /** The region, or null. */
    public Uni<Region> find(String code) {
        return all().map(m -> m.get(code));
    }

    /** The region, or a 404 naming the field that carried the unknown code. */
    public Uni<Region> require(String field, String code) {
        return find(code).onItem().ifNull().failWith(() -> unknownRegion(field, code));
    }

    static ProblemException unknownRegion(String field, String code) {
        return ProblemException.notFound("unknown-region", field + ": '" + code + "' is not a known GB/T 2260 region code.");
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

    /** The pooling region of {@code region} on {@code day} (from memory). */
    public Uni<Region> poolingOf(Region region, LocalDate day) {
        return snapshot().map(s -> s.poolingOf(region, day));
    }
}
