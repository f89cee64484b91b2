package org.hotline.routing.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.common.audit.AccessAudit;
import org.hotline.common.audit.AuditAction;
import org.hotline.common.category.ServiceCategory;
import org.hotline.common.phone.PhoneNumber;
import org.hotline.common.problem.ProblemException;
import org.hotline.routing.config.RoutingConfig;
import org.hotline.routing.domain.Channel;
import org.hotline.routing.domain.LimitUnit;
import org.hotline.routing.domain.PoolScope;
import org.hotline.routing.domain.Priority;
import org.hotline.routing.domain.Region;
import org.hotline.routing.domain.RoutingRule;
import org.hotline.routing.domain.Unit;
import org.hotline.routing.domain.WorkOrder;
import org.hotline.routing.domain.WorkOrderStatus;
import org.hotline.routing.repository.WorkOrderRepository;
import org.hotline.routing.repository.WorkOrderWrites;

/**
 * Registering a work order (登记): the request checked, the order routed by the tenant's rules to a unit or a claim
 * pool with its deadlines on the working calendar, and stored once per Idempotency-Key. A surge's hot path: it reads
 * only memory and writes one statement. What happens to the order afterwards is {@link WorkOrderService}'s.
 */
@ApplicationScoped
public class WorkOrderRegistration {

    private static final java.util.regex.Pattern REGION_CODE = java.util.regex.Pattern.compile("\\d{6}");
    private static final java.util.regex.Pattern PHONE_TEXT = java.util.regex.Pattern.compile("[0-9+\\-() ]{3,32}");

    private final WorkOrderRepository orders;
    private final DispatchBook book;
    private final WorkOrderWrites writes;
    private final RegionDirectory directory;
    private final CalendarService calendars;
    private final WorkOrderJournal journal;
    private final WorkOrderService orderViews;
    private final RoutingConfig config;
    private final MeterRegistry metrics;
    private final AccessAudit audit;
    private final ZoneId zone;

    public WorkOrderRegistration(WorkOrderRepository orders, DispatchBook book, WorkOrderWrites writes,
            RegionDirectory directory, CalendarService calendars, WorkOrderJournal journal, WorkOrderService orderViews,
            RoutingConfig config, MeterRegistry metrics, AccessAudit audit) {
        this.orders = orders;
        this.book = book;
        this.writes = writes;
        this.directory = directory;
        this.calendars = calendars;
        this.journal = journal;
        this.orderViews = orderViews;
        this.config = config;
        this.metrics = metrics;
        this.audit = audit;
        this.zone = ZoneId.of(config.zone());
    }

    /** What intake or an agent registers. */
    public record NewWorkOrder(String idempotencyKey, String tenant, String regionCode, String category,
            String subcategory, String title, String description, String priority, String channel,
            String citizenPhone, String citizenName, String address, String receivedAt) {
    }

    /** Creates and routes an order, or returns the one created earlier with the same idempotency key. */
    public Uni<WorkOrderView> create(Caller caller, NewWorkOrder in) {
        return create(caller, in, false);
    }

    /**
     * As {@link #create(Caller, NewWorkOrder)}; with {@code audited} (REST) the access-audit record of the creation
     * or replay is written with it. Routing reads only memory (regions, calendars, the tenant's rules and units) and
     * the order is stored in one statement: no session, no transaction of many round trips on a surge's hot path.
     */
    public Uni<WorkOrderView> create(Caller caller, NewWorkOrder in, boolean audited) {
        if (caller.reach() == Caller.Reach.HANDLER) {
            throw ProblemException.forbidden("center-only", "Units cannot register work orders; the hotline centre does.");
        }
        Validated v = validate(in);
        // Taken here, on the request's thread: the entry reads the caller's identity and the request's id.
        AccessAudit.Entry auditEntry = audited ? audit.entry(AuditAction.CREATE, "work-order") : null;
        return directory.require("regionCode", v.regionCode)
                        .flatMap(region -> directory.poolingOf(region, v.receivedAt.atZone(zone).toLocalDate())
                                .map(pooling -> new Located(region, pooling)))
                .flatMap(loc -> {
                    String tenant = loc.pooling.tenant();
                    if (in.tenant() != null && !in.tenant().isBlank() && !in.tenant().equals(tenant)) {
                        throw ProblemException.invalidField("tenant", "region " + v.regionCode + " belongs to tenant "
                                + tenant + ", not " + in.tenant());
                    }
                    caller.requireTenant(tenant);
                    return route(caller, tenant, loc, v).flatMap(routed -> store(caller, routed, auditEntry))
                            // The key was used before (a retry, or two racing): nothing was written; answer with the
                            // order stored first, or 422 when the key came with another request.
                            .onFailure(WorkOrderRegistration::isDuplicateKey).recoverWithUni(() -> replay(tenant, v, auditEntry));
                });
    }

    private record Located(Region region, Region pooling) {
    }

    /** A routed order not stored yet, with the unit it is dispatched to (null when pooled). */
    private record Routed(WorkOrder order, Unit unit, RoutingRule rule) {
    }

    private Uni<WorkOrderView> store(Caller caller, Routed routed, AccessAudit.Entry auditEntry) {
        WorkOrder o = routed.order();
        var entry = journal.entry(o, caller, "CREATED", null, o.routingDecision);
        var fact = journal.fact(o, caller, "created", Map.of("ruleId", routed.rule() == null ? "" : routed.rule().id.toString()));
        return writes.insert(o, entry, fact, auditEntry).map(x -> {
            journal.count(o, "CREATED");
            metrics.counter("hotline_routing_work_orders_created_total", "tenant", o.tenant).increment();
            return WorkOrderView.of(o, routed.unit(), routed.unit(), true);
        });
    }

    private Uni<WorkOrderView> replay(String tenant, Validated v, AccessAudit.Entry auditEntry) {
        return Panache.withSession(() -> orders.findByKey(tenant, v.key).flatMap(o -> {
            if (o == null) {
                throw ProblemException.conflict("concurrent-change", "The order with Idempotency-Key " + v.key()
                        + " is being changed; retry the request.");
            }
            return orderViews.view(sameRequest(o, v), false);
        })).call(view -> auditEntry == null ? Uni.createFrom().voidItem()
                : writes.audit(auditEntry, view.auditId(), view.auditTenant()));
    }

    /** The order of a replay, or 422 when the key is reused for another request (the IETF Idempotency-Key rule). */
    private static WorkOrder sameRequest(WorkOrder existing, Validated v) {
        if (existing.requestHash != null && !existing.requestHash.equals(v.hash())) {
            throw ProblemException.unprocessable("idempotency-key-reused", "The Idempotency-Key " + v.key()
                    + " was used for another request with a different body; use a new key for a new order.");
        }
        return existing;
    }

    private static String hash(String... parts) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update((part == null ? "\u0000" : part).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update((byte) 0x1f);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Validated(String key, String regionCode, ServiceCategory category, String subcategory, String title,
            String description, Priority priority, Channel channel, String phone, String name, String address,
            Instant receivedAt, String hash) {
    }

    private Validated validate(NewWorkOrder in) {
        String key = WorkOrderService.trimmed(in.idempotencyKey());
        if (key == null || key.length() > 100) {
            throw ProblemException.invalidField("idempotencyKey", "is required (at most 100 characters), e.g. intake's contact id");
        }
        String region = WorkOrderService.trimmed(in.regionCode());
        if (region == null || !REGION_CODE.matcher(region).matches()) {
            throw ProblemException.invalidField("regionCode", "is required: a 6-digit GB/T 2260 code such as 370300");
        }
        ServiceCategory category = WorkOrderService.category(in.category());
        String title = WorkOrderService.trimmed(in.title());
        if (title == null || title.length() > 200) {
            throw ProblemException.invalidField("title", "is required (at most 200 characters)");
        }
        String description = WorkOrderService.trimmed(in.description());
        if (description == null || description.length() > 4000) {
            throw ProblemException.invalidField("description", "is required (at most 4000 characters)");
        }
        String sub = WorkOrderService.trimmed(in.subcategory());
        if (sub != null && sub.length() > 100) {
            throw ProblemException.invalidField("subcategory", "at most 100 characters");
        }
        Priority priority = WorkOrderService.enumOf(Priority.class, "priority", in.priority(), Priority.NORMAL);
        Channel channel = WorkOrderService.enumOf(Channel.class, "channel", in.channel(), Channel.AGENT);
        String phone = WorkOrderService.trimmed(in.citizenPhone());
        if (phone != null) {
            String normalised = PhoneNumber.normalise(phone);
            if (normalised == null || normalised.length() > 32 || !PHONE_TEXT.matcher(phone).matches()) {
                throw ProblemException.invalidField("citizenPhone", "'" + PhoneNumber.mask(phone) + "' is not a phone number");
            }
            phone = normalised;
        }
        String name = WorkOrderService.trimmed(in.citizenName());
        if (name != null && name.length() > 100) {
            throw ProblemException.invalidField("citizenName", "at most 100 characters");
        }
        String address = WorkOrderService.trimmed(in.address());
        if (address != null && address.length() > 500) {
            throw ProblemException.invalidField("address", "at most 500 characters");
        }
        Instant now = Instant.now();
        Instant received = now;
        if (WorkOrderService.trimmed(in.receivedAt()) != null) {
            try {
                received = Instant.parse(in.receivedAt().trim());
            } catch (DateTimeParseException e) {
                throw ProblemException.invalidField("receivedAt", "'" + in.receivedAt() + "' is not a UTC ISO 8601 instant");
            }
            // A little slack for clock skew between intake and routing; and no back-dating beyond the window in which
            // a contact may reach routing late (intake's queue while routing was down).
            if (received.isAfter(now.plusSeconds(120))) {
                throw ProblemException.invalidField("receivedAt", "is in the future");
            }
            if (received.isBefore(now.minus(config.receivedAtMaxAge()))) {
                throw ProblemException.invalidField("receivedAt", "is more than " + config.receivedAtMaxAge().toDays()
                        + " days in the past (hotline.routing.received-at-max-age); register the contact with the time "
                        + "it reached the hotline");
            }
        }
        String requestHash = hash(region, category.name(), sub, title, description, priority.name(), channel.name(), phone,
                name, address, WorkOrderService.trimmed(in.receivedAt()));
        return new Validated(key, region, category, sub, title, description, priority, channel, phone, name, address,
                received, requestHash);
    }

    private Uni<Routed> route(Caller caller, String tenant, Located loc, Validated v) {
        LocalDate day = v.receivedAt.atZone(zone).toLocalDate();
        return directory.all().flatMap(map -> book.rulesInForce(tenant, day).flatMap(inForce -> {
            List<String> lineage = new java.util.ArrayList<>(RegionDirectory.lineage(map, loc.region.code));
            if (!lineage.contains(loc.pooling.code)) {
                lineage.add(loc.pooling.code);
            }
            RoutingRule rule = RoutingRuleService.firstMatch(inForce, new RoutingRuleService.Matter(lineage, v.category,
                    v.subcategory, v.priority, v.title + "\n" + v.description));
            WorkOrder o = new WorkOrder();
            o.id = UUID.randomUUID();
            o.tenant = tenant;
            o.idempotencyKey = v.key;
            o.requestHash = v.hash;
            o.channel = v.channel;
            o.category = v.category;
            o.subcategory = v.subcategory;
            o.priority = v.priority;
            o.title = v.title;
            o.description = v.description;
            o.citizenPhone = v.phone;
            o.citizenName = v.name;
            o.address = v.address;
            o.regionCode = loc.region.code;
            o.poolingRegionCode = loc.pooling.code;
            o.receivedAt = v.receivedAt;
            o.returnBudget = config.returnBudget();
            o.registeredBy = caller.subject();
            o.warningLevel = "NONE";
            o.createdAt = Instant.now();
            o.updatedAt = o.createdAt;
            Uni<Unit> target;
            if (rule == null) {
                o.limitValue = config.fallbackLimitWorkingDays();
                o.limitUnit = LimitUnit.WORKING_DAYS;
                o.acceptLimitHours = config.fallbackAcceptLimitHours();
                WorkOrderService.pool(o, PoolScope.PROVINCE, map);
                o.routingDecision = "No routing rule of tenant " + tenant + " matched: waiting in the province claim pool";
                target = Uni.createFrom().nullItem();
            } else {
                o.ruleId = rule.id;
                o.limitValue = rule.limitValue;
                o.limitUnit = rule.limitUnit;
                o.acceptLimitHours = rule.acceptLimitHours;
                if (rule.poolScope != null) {
                    WorkOrderService.pool(o, rule.poolScope, map);
                    o.routingDecision = "Rule '" + rule.name + "' (position " + rule.position + "): "
                            + rule.poolScope + " claim pool";
                    target = Uni.createFrom().nullItem();
                } else {
                    target = book.unit(tenant, rule.targetUnitId);
                }
            }
            return target.flatMap(unit -> {
                if (unit != null) {
                    if (!unit.active) {
                        // An inactive target would strand the order: the province pool keeps it reachable.
                        WorkOrderService.pool(o, PoolScope.PROVINCE, map);
                        o.routingDecision = "Rule '" + rule.name + "' names inactive unit " + unit.name
                                + ": waiting in the province claim pool";
                        unit = null;
                    } else {
                        o.status = WorkOrderStatus.DISPATCHED;
                        o.unitId = unit.id;
                        o.firstResponsibleUnitId = unit.id;
                        o.answerableUnitId = unit.id;
                        o.routingDecision = "Rule '" + rule.name + "' (position " + rule.position + "): unit " + unit.name;
                    }
                }
                Unit u = unit;
                return calendars.workingTime(tenant, u == null ? null : u.workingHours).map(wt -> {
                    o.startClock(wt, o.receivedAt, config.yellowFraction());
                    if (u != null) {
                        o.acceptBy = wt.plusWorkingMinutes(o.receivedAt, o.acceptLimitHours * 60L);
                    }
                    o.statusNotes = u != null ? "Dispatched to " + u.name : "Waiting in the claim pool";
                    return new Routed(o, u, rule);
                });
            });
        }));
    }

    private static boolean isDuplicateKey(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (m.contains("23505") || m.contains("idempotency_key")) {
                return true;
            }
        }
        return false;
    }
}
