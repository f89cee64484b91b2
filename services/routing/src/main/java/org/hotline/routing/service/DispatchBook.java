package org.hotline.routing.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hotline.routing.config.RoutingConfig;
import org.hotline.routing.domain.RoutingRule;
import org.hotline.routing.domain.Unit;
import org.hotline.routing.repository.RoutingRuleRepository;
import org.hotline.routing.repository.UnitRepository;

/**
 * A tenant's routing rules and units held in memory, so that registering an order (the hot path of a surge) reads
 * neither: a change on this replica replaces the tenant's book once it has committed, and every book is read again
 * when it is older than {@code hotline.routing.directory-refresh}, for changes made on the other replicas.
 */
@ApplicationScoped
public class DispatchBook {

    /** One tenant's rules (every one, in evaluation order: defaults last) and units, as read at {@code loadedAt}. */
    record Page(List<RoutingRule> rules, Map<UUID, Unit> units, long loadedAt) {

        /** The rules in force on {@code day}, in evaluation order. */
        List<RoutingRule> inForce(LocalDate day) {
            return rules.stream().filter(r -> r.inForceOn(day)).toList();
        }
    }

    private final RoutingRuleRepository rules;
    private final UnitRepository units;
    private final long maxAgeMillis;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    /** The read of a tenant's book under way, shared by the callers that come meanwhile. */
    private final Map<String, Uni<Page>> reading = new ConcurrentHashMap<>();
    /** Bumped by every change: a read that started before the change must not install what it read. */
    private final AtomicLong changes = new AtomicLong();

    public DispatchBook(RoutingRuleRepository rules, UnitRepository units, RoutingConfig config) {
        this.rules = rules;
        this.units = units;
        this.maxAgeMillis = DurationConverter.parseDuration(config.directoryRefresh()).toMillis();
    }

    /** The rules of {@code tenant} in force on {@code day}, in evaluation order (defaults last). */
    public Uni<List<RoutingRule>> rulesInForce(String tenant, LocalDate day) {
        return page(tenant, true).map(p -> p.inForce(day));
    }

    /**
     * The unit of {@code tenant} with this id, or null. A unit this replica does not know yet (made on another one
     * since its book was read) reads the book again, so that an order's unit and working hours are never missed.
     */
    public Uni<Unit> unit(String tenant, UUID id) {
        if (id == null) {
            return Uni.createFrom().nullItem();
        }
        // Not shared: a change of an order reads in its own transaction's session, on its own thread.
        return page(tenant, false).flatMap(p -> p.units().containsKey(id) ? Uni.createFrom().item(p.units().get(id))
                : read(tenant, changes.get()).map(fresh -> fresh.units().get(id)));
    }

    /** Forgets the tenant's book: call it after a change to its rules or units has committed. */
    public void changed(String tenant) {
        changes.incrementAndGet();
        pages.remove(tenant);
        // A read under way may have begun before the commit: later callers start their own.
        reading.remove(tenant);
    }

    private Uni<Page> page(String tenant, boolean shared) {
        Page known = pages.get(tenant);
        if (known != null && System.currentTimeMillis() - known.loadedAt() < maxAgeMillis) {
            return Uni.createFrom().item(known);
        }
        return shared ? onCallersContext(shared(tenant)) : read(tenant, changes.get());
    }

    /** A shared read ends on the thread of the caller that started it; each caller goes on on its own. */
    private static <T> Uni<T> onCallersContext(Uni<T> uni) {
        Context context = Vertx.currentContext();
        return context == null ? uni : uni.emitOn(task -> context.runOnContext(v -> task.run()));
    }

    /**
     * One read of the tenant's book for every caller that needs it meanwhile: a new replica taking a surge, or every
     * replica's book expiring under load, would otherwise read the same rows once per request, holding as many
     * connections.
     */
    @SuppressWarnings("unchecked")
    private Uni<Page> shared(String tenant) {
        Uni<Page>[] mine = new Uni[1];
        return reading.computeIfAbsent(tenant, t -> mine[0] = read(t, changes.get())
                .onTermination().invoke(() -> reading.remove(t, mine[0]))
                .memoize().indefinitely());
    }

    private Uni<Page> read(String tenant, long before) {
        long at = System.currentTimeMillis();
        return Panache.withSession(() -> rules.ofTenant(tenant).list().flatMap(rs -> units.list("tenant", tenant)
                .map(us -> new Page(List.copyOf(rs), us.stream().collect(Collectors.toUnmodifiableMap(u -> u.id,
                        Function.identity())), at))))
                .invoke(p -> {
                    if (changes.get() == before) {
                        pages.put(tenant, p);
                    }
                });
    }
}
