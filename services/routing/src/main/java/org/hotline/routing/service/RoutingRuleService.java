package org.hotline.routing.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.common.problem.ProblemException;
import org.hotline.routing.config.RoutingConfig;
import org.hotline.common.category.ServiceCategory;
import org.hotline.routing.domain.LimitUnit;
import org.hotline.routing.domain.PoolScope;
import org.hotline.routing.domain.Priority;
import org.hotline.routing.domain.Region;
import org.hotline.routing.domain.RoutingRule;
import org.hotline.routing.repository.RoutingRuleRepository;
import org.hotline.routing.repository.UnitRepository;

/** Routing rules of a tenant, edited by its tenant admin, and the choice of the rule that decides an order. */
@ApplicationScoped
public class RoutingRuleService {

    private final RoutingRuleRepository rules;
    private final UnitRepository units;
    private final RegionDirectory directory;
    private final DispatchBook book;
    private final ZoneId zone;

    public RoutingRuleService(RoutingRuleRepository rules, UnitRepository units, RegionDirectory directory,
            DispatchBook book, RoutingConfig config) {
        this.rules = rules;
        this.units = units;
        this.directory = directory;
        this.book = book;
        this.zone = ZoneId.of(config.zone());
    }

    /** What a tenant admin sends to create or change a rule. */
    public record RuleInput(String tenant, String name, Integer position, String regionCode, ServiceCategory category,
            String subcategory, List<String> keywords, Priority priority, UUID targetUnitId, PoolScope poolScope,
            Integer limitValue, LimitUnit limitUnit, Integer acceptLimitHours, Boolean isDefault,
            LocalDate effectiveFrom, LocalDate effectiveTo) {
    }

    /** A page of rules and the total. */
    public record RulePage(List<RoutingRule> items, long total, int page, int size) {
    }

    /** What an order offers to the rules. */
    public record Matter(List<String> regionLineage, ServiceCategory category, String subcategory, Priority priority,
            String text) {
    }

    /** The first rule in force that matches, defaults last; null when none does. */
    public static RoutingRule firstMatch(List<RoutingRule> inForce, Matter m) {
        for (RoutingRule r : inForce) {
            if (r.isDefault || matches(r, m)) {
                return r;
            }
        }
        return null;
    }

    static boolean matches(RoutingRule r, Matter m) {
        if (r.regionCode != null && !m.regionLineage().contains(r.regionCode)) {
            return false;
        }
        if (r.category != null && r.category != m.category()) {
            return false;
        }
        if (r.subcategory != null && !r.subcategory.equals(m.subcategory())) {
            return false;
        }
        if (r.priority != null && r.priority != m.priority()) {
            return false;
        }
        List<String> words = r.keywordList();
        if (words.isEmpty()) {
            return true;
        }
        for (String w : words) {
            if (m.text().contains(w)) {
                return true;
            }
        }
        return false;
    }

    public Uni<RoutingRule> create(Caller caller, RuleInput in) {
        // Not @WithTransaction: the book is told after the commit, so that no order is routed with a read
        // taken between the change and its commit.
        return Panache.withTransaction(() -> {
            String tenant = caller.reach() == Caller.Reach.NATIONAL ? in.tenant() : caller.tenant();
            if (tenant == null || !tenant.matches("\\d{2}")) {
                throw ProblemException.invalidField("tenant", "a national caller must name the tenant (2-digit code, e.g. 37)");
            }
            caller.requireCenter(tenant, "edit routing rules");
            RoutingRule r = new RoutingRule();
            r.id = UUID.randomUUID();
            r.tenant = tenant;
            r.createdBy = caller.subject();
            r.createdAt = Instant.now();
            return apply(r, in).flatMap(rule -> rule.isDefault ? endOtherDefaults(rule).replaceWith(rule) : Uni.createFrom().item(rule))
                    .flatMap(rules::persist);
        }).invoke(rule -> book.changed(rule.tenant));
    }

    public Uni<RoutingRule> update(Caller caller, UUID id, RuleInput in) {
        return Panache.withTransaction(() -> get(caller, id).flatMap(r -> {
            caller.requireCenter(r.tenant, "edit routing rules");
            return apply(r, in);
        })).invoke(rule -> book.changed(rule.tenant));
    }

    /** Ends a rule today (rules are never deleted: orders keep naming the rule that decided them). */
    public Uni<RoutingRule> end(Caller caller, UUID id) {
        return Panache.withTransaction(() -> get(caller, id).map(r -> {
            caller.requireCenter(r.tenant, "edit routing rules");
            LocalDate today = LocalDate.now(zone);
            r.effectiveTo = today.isAfter(r.effectiveFrom) ? today : r.effectiveFrom.plusDays(1);
            r.updatedAt = Instant.now();
            return r;
        })).invoke(rule -> book.changed(rule.tenant));
    }

    @WithSession
    public Uni<RoutingRule> get(Caller caller, UUID id) {
        return rules.findById(id).map(r -> {
            if (r == null || !caller.reachesTenant(r.tenant)) {
                throw ProblemException.notFound("rule-not-found", "No routing rule " + id + " in your tenant.");
            }
            return r;
        });
    }

    @WithSession
    public Uni<RulePage> list(Caller caller, String tenant, int page, int size) {
        String t = caller.reach() == Caller.Reach.NATIONAL ? (tenant == null || tenant.isBlank() ? "*" : tenant)
                : caller.tenant();
        // Asking for another province's rules is refused, as for units and orders, not silently answered with one's own.
        if (caller.reach() != Caller.Reach.NATIONAL && tenant != null && !tenant.isBlank()) {
            caller.requireTenant(tenant);
        }
        var q = rules.ofTenant(t);
        return q.page(Page.of(page, size)).list().flatMap(items -> q.count().map(n -> new RulePage(items, n, page, size)));
    }

    private Uni<Void> endOtherDefaults(RoutingRule rule) {
        return rules.inForce(rule.tenant, rule.effectiveFrom).map(list -> {
            // A tenant has one default rule at a time: a new default ends the one in force when it starts.
            list.stream().filter(o -> o.isDefault && !o.id.equals(rule.id)).forEach(o -> {
                o.effectiveTo = rule.effectiveFrom.isAfter(o.effectiveFrom) ? rule.effectiveFrom : o.effectiveFrom.plusDays(1);
                o.updatedAt = Instant.now();
            });
            return null;
        });
    }

    private Uni<RoutingRule> apply(RoutingRule r, RuleInput in) {
        if (in.name() == null || in.name().isBlank() || in.name().length() > 200) {
            throw ProblemException.invalidField("name", "is required (at most 200 characters)");
        }
        if (in.limitValue() == null || in.limitValue() < 1 || in.limitValue() > 365) {
            throw ProblemException.invalidField("limitValue", "is required: 1..365 (working days or hours)");
        }
        if (in.limitUnit() == null) {
            throw ProblemException.invalidField("limitUnit", "is required: WORKING_DAYS or WORKING_HOURS");
        }
        if ((in.targetUnitId() == null) == (in.poolScope() == null)) {
            throw ProblemException.invalidField("targetUnitId",
                    "name exactly one of targetUnitId (a unit) or poolScope (CITY or PROVINCE claim pool)");
        }
        boolean isDefault = Boolean.TRUE.equals(in.isDefault());
        if (isDefault && (in.regionCode() != null || in.category() != null || in.subcategory() != null
                || (in.keywords() != null && !in.keywords().isEmpty()) || in.priority() != null)) {
            throw ProblemException.invalidField("isDefault", "a default rule matches everything: leave the criteria empty");
        }
        if (in.keywords() != null && in.keywords().stream().anyMatch(k -> k == null || k.isBlank() || k.contains(","))) {
            throw ProblemException.invalidField("keywords", "each keyword must be non-empty and without commas");
        }
        LocalDate from = in.effectiveFrom() != null ? in.effectiveFrom() : LocalDate.now(zone);
        if (in.effectiveTo() != null && !in.effectiveTo().isAfter(from)) {
            throw ProblemException.invalidField("effectiveTo", "must be after effectiveFrom (it is exclusive)");
        }
        if (in.acceptLimitHours() != null && (in.acceptLimitHours() < 1 || in.acceptLimitHours() > 240)) {
            throw ProblemException.invalidField("acceptLimitHours", "must be 1..240 working hours");
        }
        Uni<Map<String, Region>> regions = directory.all();
        return regions.flatMap(map -> {
            if (in.regionCode() != null && (map.get(in.regionCode()) == null || !in.regionCode().startsWith(r.tenant))) {
                throw ProblemException.invalidField("regionCode", "'" + in.regionCode() + "' is not a region of tenant " + r.tenant);
            }
            Uni<Void> unitCheck = in.targetUnitId() == null ? Uni.createFrom().voidItem()
                    : units.findById(in.targetUnitId()).map(u -> {
                        if (u == null || !u.tenant.equals(r.tenant) || !u.active) {
                            throw ProblemException.invalidField("targetUnitId", "is not an active unit of tenant " + r.tenant);
                        }
                        return null;
                    });
            return unitCheck.map(ignored -> {
                r.name = in.name().trim();
                r.position = in.position() == null ? 100 : in.position();
                r.regionCode = in.regionCode();
                r.category = in.category();
                r.subcategory = in.subcategory() == null || in.subcategory().isBlank() ? null : in.subcategory().trim();
                r.keywords = in.keywords() == null || in.keywords().isEmpty() ? null
                        : String.join(",", in.keywords().stream().map(String::trim).toList());
                r.priority = in.priority();
                r.targetUnitId = in.targetUnitId();
                r.poolScope = in.poolScope();
                r.limitValue = in.limitValue();
                r.limitUnit = in.limitUnit();
                r.acceptLimitHours = in.acceptLimitHours() == null ? 4 : in.acceptLimitHours();
                r.isDefault = isDefault;
                r.effectiveFrom = from;
                r.effectiveTo = in.effectiveTo();
                r.updatedAt = Instant.now();
                return r;
            });
        });
    }
}
