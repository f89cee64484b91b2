package org.hotline.routing.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hotline.common.problem.ProblemException;
import org.hotline.routing.config.RoutingConfig;
import org.hotline.common.audit.AuditAction;
import org.hotline.common.audit.Audited;
import org.hotline.common.category.ServiceCategory;
import org.hotline.routing.domain.PoolScope;
import org.hotline.routing.domain.Region;
import org.hotline.routing.domain.Unit;
import org.hotline.routing.domain.WorkOrder;
import org.hotline.routing.domain.WorkOrderHistory;
import org.hotline.routing.domain.WorkOrderReturn;
import org.hotline.routing.domain.WorkOrderStatus;
import org.hotline.routing.domain.WorkingTime;
import org.hotline.routing.repository.UnitRepository;
import org.hotline.routing.repository.WorkOrderHistoryRepository;
import org.hotline.routing.repository.WorkOrderRepository;
import org.hotline.routing.repository.WorkOrderReturnRepository;

/**
 * Work orders (工单) after registration ({@link WorkOrderRegistration}) until closure: reading, acceptance, reply,
 * pause and extension on the working calendar, callback, returns with arbitration and budget, first-responsibility,
 * rework and supervision.
 * The changes are {@link Audited} here rather than on the resource, so that the access-audit row is written in the
 * change's own transaction: one commit per request instead of two, and no change without its audit record.
 */
@ApplicationScoped
public class WorkOrderService {

    private static final Set<WorkOrderStatus> FINISHED =
            Set.of(WorkOrderStatus.REPLIED, WorkOrderStatus.CALLBACK_DONE, WorkOrderStatus.CLOSED);

    private final WorkOrderRepository orders;
    private final WorkOrderReturnRepository returns;
    private final WorkOrderHistoryRepository history;
    private final UnitRepository units;
    private final DispatchBook book;
    private final CalendarService calendars;
    private final WorkOrderJournal journal;
    private final RoutingConfig config;
    private final MeterRegistry metrics;
    private final ZoneId zone;

    public WorkOrderService(WorkOrderRepository orders, WorkOrderReturnRepository returns,
            WorkOrderHistoryRepository history, UnitRepository units, DispatchBook book, CalendarService calendars,
            WorkOrderJournal journal, RoutingConfig config, MeterRegistry metrics) {
        this.orders = orders;
        this.returns = returns;
        this.history = history;
        this.units = units;
        this.book = book;
        this.calendars = calendars;
        this.journal = journal;
        this.config = config;
        this.metrics = metrics;
        this.zone = ZoneId.of(config.zone());
    }

    /** A page of orders and the total. */
    public record WorkOrderPage(List<WorkOrderView> items, long total, int page, int size, List<String> warnings) {
        WorkOrderPage(List<WorkOrderView> items, long total, int page, int size) {
            this(items, total, page, size, List.of());
        }
    }

    /** Puts the order in the claim pool of {@code scope} (its pooling region's, or its province's). */
    static void pool(WorkOrder o, PoolScope scope, Map<String, Region> map) {
        o.status = WorkOrderStatus.POOLED;
        o.unitId = null;
        o.poolScope = scope;
        o.poolRegionCode = scope == PoolScope.PROVINCE ? map.get(o.poolingRegionCode).provinceCode : o.poolingRegionCode;
    }

    // ---------------------------------------------------------------- reading

    @WithSession
    public Uni<WorkOrderView> get(Caller caller, UUID id) {
        return visible(caller, id).flatMap(o -> view(o, false));
    }

    /** By id, or by tenant and idempotency key (intake's look-up after a lost answer). */
    @WithSession
    public Uni<WorkOrderView> getByKey(Caller caller, String tenant, String key) {
        caller.requireTenant(tenant);
        return orders.findByKey(tenant, key).flatMap(o -> {
            if (o == null || !canSee(caller, o)) {
                throw notFound(key);
            }
            return view(o, false);
        });
    }

    /** Handlers: their unit's inbox; hotline centre: its tenant; national: everything. Soonest deadline first. */
    @WithSession
    public Uni<WorkOrderPage> list(Caller caller, String tenant, UUID unit, String status, int page, int size) {
        String t = caller.reach() == Caller.Reach.NATIONAL ? (tenant == null || tenant.isBlank() ? "*" : tenant)
                : caller.tenant();
        if (tenant != null && !tenant.isBlank()) {
            caller.requireTenant(tenant);
        }
        UUID u = unit;
        if (caller.reach() == Caller.Reach.HANDLER) {
            if (unit != null && !unit.equals(caller.unit())) {
                throw ProblemException.forbidden("unit-forbidden", "Handlers see only their own unit's inbox.");
            }
            u = caller.unit();
        }
        String s = status == null || status.isBlank() ? null : enumOf(WorkOrderStatus.class, "status", status, null).name();
        var q = orders.search(t, u, s);
        // The tenant's admins learn ahead of the new year that its holidays are missing (from December 1st).
        String missing = caller.reach() == Caller.Reach.HANDLER ? null : calendars.nextYearMissing(LocalDate.now(zone));
        List<String> warnings = missing == null ? List.of() : List.of(missing);
        return q.page(Page.of(page, size)).list()
                .flatMap(items -> q.count().flatMap(total -> views(items)
                        .map(v -> new WorkOrderPage(v, total, page, size, warnings))));
    }

    /** The order's audit trail, oldest first. */
    @WithSession
    public Uni<List<WorkOrderHistory>> history(Caller caller, UUID id) {
        return visible(caller, id).flatMap(o -> history.of(o.id));
    }

    @WithSession
    public Uni<List<WorkOrderReturn>> returnsOf(Caller caller, UUID id) {
        return visible(caller, id).flatMap(o -> returns.of(o.id));
    }

    // ---------------------------------------------------------------- the unit's side

    /** The unit signs for the order (签收); it becomes the answerable unit. */
    @Audited(resource = "work-order", action = AuditAction.UPDATE)
    @WithTransaction
    public Uni<WorkOrderView> accept(Caller caller, UUID id) {
        return actionable(caller, id).flatMap(o -> {
            requireOwnUnit(caller, o, "accept");
            requireStatus(o, "accept", WorkOrderStatus.DISPATCHED, WorkOrderStatus.CLAIMED);
            WorkOrderStatus from = o.status;
            o.status = WorkOrderStatus.ACCEPTED;
            o.answerableUnitId = o.unitId;
            if (o.firstResponsibleUnitId == null) {
                o.firstResponsibleUnitId = o.unitId;
            }
            o.claimExpiresAt = null;
            o.acceptBy = null;
            o.statusNotes = "Accepted by the responsible unit";
            return touch(o).flatMap(x -> journal.record(o, caller, "ACCEPTED", from, null, "accepted", null));
        }).flatMap(o -> view(o, false));
    }

    /** The unit gives its reply (办结); a callback task with its own deadline starts. */
    @Audited(resource = "work-order", action = AuditAction.UPDATE)
    @WithTransaction
    public Uni<WorkOrderView> reply(Caller caller, UUID id, String reply) {
        String text = trimmed(reply);
        if (text == null || text.length() > 4000) {
            throw ProblemException.invalidField("reply", "is required (at most 4000 characters)");
        }
        return actionable(caller, id).flatMap(o -> {
            requireOwnUnit(caller, o, "reply to");
            requireStatus(o, "reply to", WorkOrderStatus.ACCEPTED);
            return workingTime(o).flatMap(wt -> {
                WorkOrderStatus from = o.status;
                Instant now = Instant.now();
                o.status = WorkOrderStatus.REPLIED;
                o.reply = text;
                o.repliedAt = now;
                o.callbackDueAt = wt.endOfWorkingDays(now, config.callbackLimitWorkingDays());
                o.statusNotes = "Replied; callback (回访) due " + o.callbackDueAt;
                Map<String, Object> extra = Map.of("onTime", o.dueAt == null || !now.isAfter(o.dueAt));
                return touch(o).flatMap(x -> journal.record(o, caller, "REPLIED", from, null, "replied", extra));
            });
        }).flatMap(o -> view(o, false));
    }

    /** Pauses the clock while the citizen supplies material (补充材料). */
    @Audited(resource = "work-order", action = AuditAction.UPDATE)
    @WithTransaction
    public Uni<WorkOrderView> pause(Caller caller, UUID id, String reason) {
        String why = requireReason(reason);
        return actionable(caller, id).flatMap(o -> {
            requireOwnUnit(caller, o, "pause");
            requireStatus(o, "pause", WorkOrderStatus.ACCEPTED);
            return workingTime(o).flatMap(wt -> {
                Instant now = Instant.now();
                WorkOrderStatus from = o.status;
                o.remainingWorkingMinutes = wt.workingMinutesBetween(now, o.dueAt);
                o.pausedAt = now;
                o.statusBeforePause = from;
                o.status = WorkOrderStatus.WAITING_CITIZEN;
                o.dueAt = null;
                o.warnAt = null;
                o.statusNotes = "Waiting for the citizen: " + why;
                return touch(o).flatMap(x -> journal.record(o, caller, "PAUSED", from, why, "paused", null));
            });
        }).flatMap(o -> view(o, false));
    }

    /** Restarts the clock with the working time that was left when it paused. */
    @Audited(resource = "work-order", action = AuditAction.UPDATE)
    @WithTransaction
    public Uni<WorkOrderView> resume(Caller caller, UUID id, String reason, String materialReceivedAt) {
        Instant received = null;
        if (trimmed(materialReceivedAt) != null) {
            try {
                received = Instant.parse(materialReceivedAt.trim());
            } catch (DateTimeParseException e) {
                throw ProblemException.invalidField("materialReceivedAt", "is not a UTC ISO 8601 instant");
            }
            if (received.isAfter(Instant.now().plusSeconds(120))) {
                throw ProblemException.invalidField("materialReceivedAt", "is in the future");
            }
        }
        Instant materialAt = received;
        return actionable(caller, id).flatMap(o -> {
            if (caller.reach() == Caller.Reach.HANDLER) {
                requireOwnUnit(caller, o, "resume");
            }
            requireStatus(o, "resume", WorkOrderStatus.WAITING_CITIZEN);
            if (materialAt != null && materialAt.isBefore(o.pausedAt)) {
                throw ProblemException.invalidField("materialReceivedAt", "is before the clock was paused (" + o.pausedAt + ")");
            }
            return workingTime(o).flatMap(wt -> {
                // The clock restarts when the material arrived, which an agent may register a little later.
                Instant now = materialAt != null ? materialAt : Instant.now();
                WorkOrderStatus from = o.status;
                long remaining = Math.max(0, o.remainingWorkingMinutes == null ? 0 : o.remainingWorkingMinutes);
                long total = o.limitWorkingMinutes == null ? remaining : o.limitWorkingMinutes;
                long yellowAfterUsed = (long) Math.ceil(total * config.yellowFraction());
                long used = total - remaining;
                o.dueAt = wt.plusWorkingMinutes(now, remaining);
                o.deadlineYearWithoutData = wt.firstYearWithoutData(now, o.dueAt);
                o.warnAt = used >= yellowAfterUsed ? now : wt.plusWorkingMinutes(now, yellowAfterUsed - used);
                o.warningLevel = "NONE";
                o.status = o.statusBeforePause == null ? WorkOrderStatus.ACCEPTED : o.statusBeforePause;
                o.statusBeforePause = null;
                o.pausedAt = null;
                o.remainingWorkingMinutes = null;
                o.statusNotes = "Material received; handling resumed";
                return touch(o).flatMap(x -> journal.record(o, caller, "RESUMED", from, trimmed(reason), "resumed", null));
            });
        }).flatMap(o -> view(o, false));
    }

    /** The unit asks for more time (延期); the hotline centre decides. */
    @Audited(resource = "work-order", action = AuditAction.UPDATE)
    @WithTransaction
    public Uni<WorkOrderView> requestExtension(Caller caller, UUID id, Integer workingDays, String reason) {
        String why = requireReason(reason);
        if (workingDays == null || workingDays < 1 || workingDays > 30) {
            throw ProblemException.invalidField("workingDays", "is required: 1..30");
        }
        return actionable(caller, id).flatMap(o -> {
            requireOwnUnit(caller, o, "ask for an extension of");
            requireStatus(o, "extend", WorkOrderStatus.ACCEPTED);
            if (o.extensionRequestedDays != null) {
                throw ProblemException.conflict("extension-pending", "An extension request is already waiting for a decision.");
            }
            o.extensionRequestedDays = workingDays;
            o.extensionReason = why;
            return touch(o).flatMap(x -> journal.record(o, caller, "EXTENSION_REQUESTED", o.status,
                    workingDays + " working days: " + why, null, null));
        }).flatMap(o -> view(o, false));
    }

    @Audited(resource = "work-order", action = AuditAction.UPDATE)
    @WithTransaction
    public Uni<WorkOrderView> decideExtension(Caller caller, UUID id, boolean approved, String note) {
        return actionable(caller, id).flatMap(o -> {
            caller.requireCenter(o.tenant, "decide extensions");
            if (o.extensionRequestedDays == null) {
                throw ProblemException.conflict("no-extension-request", "This order has no extension request waiting.");
            }
            int days = o.extensionRequestedDays;
            o.extensionRequestedDays = null;
            o.extensionReason = null;
            Uni<WorkOrder> changed = Uni.createFrom().item(o);
            if (approved && o.dueAt != null) {
                changed = workingTime(o).map(wt -> {
                    long extra = days * wt.minutesPerDay();
                    o.dueAt = wt.plusWorkingMinutes(o.dueAt, extra);
                    o.deadlineYearWithoutData = wt.firstYearWithoutData(o.clockStartedAt, o.dueAt);
                    o.limitWorkingMinutes = (o.limitWorkingMinutes == null ? 0 : o.limitWorkingMinutes) + extra;
                    o.warnAt = wt.plusWorkingMinutes(o.clockStartedAt,
                            (long) Math.ceil(o.limitWorkingMinutes * config.yellowFraction()));
                    o.warningLevel = "NONE";
                    o.statusNotes = "Extension of " + days + " working days approved";
                    return o;
                });
            }
            return changed.flatMap(this::touch).flatMap(x -> journal.record(o, caller,
                    approved ? "EXTENSION_APPROVED" : "EXTENSION_REFUSED", o.status, trimmed(note),
                    approved ? "extended" : null, Map.of("workingDays", days)));
        }).flatMap(o -> view(o, false));
    }

    // ---------------------------------------------------------------- returns (退单) and arbitration

    /** The unit asks to return the order; it stays the unit's until the hotline centre decides. */
    @Audited(resource = "work-order", action = AuditAction.UPDATE)
    @WithTransaction
    public Uni<WorkOrderReturn> requestReturn(Caller caller, UUID id, String reasonCode, String reason) {
        WorkOrderReturn.ReasonCode code = enumOf(WorkOrderReturn.ReasonCode.class, "reasonCode", reasonCode, null);
        if (code == null) {
            throw ProblemException.invalidField("reasonCode", "is required: one of "
                    + java.util.Arrays.toString(WorkOrderReturn.ReasonCode.values()));
        }
        String why = requireReason(reason);
        return actionable(caller, id).flatMap(o -> {
            requireOwnUnit(caller, o, "return");
            requireStatus(o, "return", WorkOrderStatus.DISPATCHED, WorkOrderStatus.CLAIMED, WorkOrderStatus.ACCEPTED);
            if (o.returnsUsed >= o.returnBudget) {
                throw ProblemException.conflict("return-budget-exhausted", "This order has used its " + o.returnBudget
                        + " returns; it stays with your unit and only the hotline centre can reassign it.");
            }
            WorkOrderReturn r = new WorkOrderReturn();
            r.id = UUID.randomUUID();
            r.workOrderId = o.id;
            r.tenant = o.tenant;
            r.unitId = o.unitId;
            r.reasonCode = code;
            r.reason = why;
            r.statusBefore = o.status;
            r.outcome = WorkOrderReturn.Outcome.PENDING;
            r.requestedBy = caller.subject();
            r.requestedAt = Instant.now();
            WorkOrderStatus from = o.status;
            o.returnsUsed++;
            o.status = WorkOrderStatus.RETURN_REQUESTED;
            o.statusNotes = "Return requested (" + code + "); waiting for the hotline centre's arbitration";
            return returns.persist(r).flatMap(x -> touch(o)).flatMap(x -> journal.record(o, caller, "RETURN_REQUESTED",
                    from, code + ": " + why, "return-requested", Map.of("returnId", r.id.toString(),
                            "reasonCode", code.name()))).replaceWith(r);
        });
    }

    /**
     * The hotline centre decides a return: approved, the order goes to {@code targetUnitId} and counts against
     * nobody, but the returning unit stays answerable until the new one accepts; refused, it stays with the unit and
     * counts against it as an improper return (不当退单).
     */
    @Audited(resource = "work-order", action = AuditAction.UPDATE)
    @WithTransaction
    public Uni<WorkOrderView> arbitrate(Caller caller, UUID id, UUID returnId, String decision, UUID targetUnitId,
            String note) {
        WorkOrderReturn.Outcome outcome = enumOf(WorkOrderReturn.Outcome.class, "decision", decision, null);
        if (outcome == null || outcome == WorkOrderReturn.Outcome.PENDING) {
            throw ProblemException.invalidField("decision", "is required: APPROVED or REFUSED");
        }
        if (outcome == WorkOrderReturn.Outcome.APPROVED && targetUnitId == null) {
            throw ProblemException.invalidField("targetUnitId", "is required when approving: the unit that takes the order");
        }
        return actionable(caller, id).flatMap(o -> {
            caller.requireCenter(o.tenant, "arbitrate returns");
            return returns.findById(returnId).flatMap(r -> {
                if (r == null || !r.workOrderId.equals(o.id)) {
                    throw ProblemException.notFound("return-not-found", "No return " + returnId + " on this order.");
                }
                if (r.outcome != WorkOrderReturn.Outcome.PENDING) {
                    throw ProblemException.conflict("return-decided", "This return was already " + r.outcome + ".");
                }
                r.outcome = outcome;
                r.arbitratedBy = caller.subject();
                r.arbitratedAt = Instant.now();
                r.arbitrationNote = trimmed(note);
                WorkOrderStatus from = o.status;
                if (outcome == WorkOrderReturn.Outcome.REFUSED) {
                    r.countsAgainstUnit = true;
                    o.status = r.statusBefore;
                    o.statusNotes = "Return refused by the hotline centre; the unit keeps the order";
                    metrics.counter("hotline_routing_improper_returns_total", "tenant", o.tenant).increment();
                    return touch(o).flatMap(x -> journal.record(o, caller, "RETURN_REFUSED", from, trimmed(note),
                            "return-refused", Map.of("returnId", r.id.toString(), "countsAgainstUnitId",
                                    r.unitId.toString())));
                }
                r.targetUnitId = targetUnitId;
                return dispatchTo(caller, o, targetUnitId, r.unitId, "RETURN_APPROVED", trimmed(note), "return-approved",
                        Map.of("returnId", r.id.toString(), "fromUnitId", r.unitId.toString()));
            });
        }).flatMap(o -> view(o, false));
    }

    /** The hotline centre sends an open order to another unit (also after the return budget is spent). */
    @Audited(resource = "work-order", action = AuditAction.UPDATE)
    @WithTransaction
    public Uni<WorkOrderView> reassign(Caller caller, UUID id, UUID targetUnitId, String reason) {
        String why = requireReason(reason);
        if (targetUnitId == null) {
            throw ProblemException.invalidField("targetUnitId", "is required");
        }
        return actionable(caller, id).flatMap(o -> {
            caller.requireCenter(o.tenant, "reassign orders");
            requireStatus(o, "reassign", WorkOrderStatus.DISPATCHED, WorkOrderStatus.POOLED, WorkOrderStatus.CLAIMED,
                    WorkOrderStatus.ACCEPTED);
            return dispatchTo(caller, o, targetUnitId, o.answerableUnitId, "REASSIGNED", why, "reassigned", Map.of());
        }).flatMap(o -> view(o, false));
    }

    /** Dispatches to a new unit with a fresh clock; {@code answerable} stays answerable until the new unit accepts. */
    private Uni<WorkOrder> dispatchTo(Caller caller, WorkOrder o, UUID target, UUID answerable, String action,
            String reason, String event, Map<String, Object> extra) {
        return units.findById(target).flatMap(unit -> {
            if (unit == null || !unit.tenant.equals(o.tenant) || !unit.active) {
                throw ProblemException.invalidField("targetUnitId", "is not an active unit of tenant " + o.tenant);
            }
            if (unit.id.equals(o.unitId) && o.status != WorkOrderStatus.POOLED) {
                throw ProblemException.invalidField("targetUnitId", "is the unit that has the order now");
            }
            return calendars.workingTime(o.tenant, unit.workingHours).flatMap(wt -> {
                WorkOrderStatus from = o.status;
                Instant now = Instant.now();
                o.status = WorkOrderStatus.DISPATCHED;
                o.unitId = unit.id;
                o.answerableUnitId = answerable != null ? answerable : unit.id;
                if (o.firstResponsibleUnitId == null) {
                    o.firstResponsibleUnitId = unit.id;
                }
                o.poolScope = null;
                o.poolRegionCode = null;
                o.claimExpiresAt = null;
                o.acceptBy = wt.plusWorkingMinutes(now, o.acceptLimitHours * 60L);
                o.startClock(wt, now, config.yellowFraction());
                o.statusNotes = "Dispatched to " + unit.name;
                Map<String, Object> all = new LinkedHashMap<>(extra);
                all.put("toUnitId", unit.id.toString());
                return touch(o).flatMap(x -> journal.record(o, caller, action, from, reason, event, all));
            });
        });
    }

    // ---------------------------------------------------------------- the centre's side: callback, close, rework, supervision

    /** Records the callback (回访); an unsatisfied citizen sends the order back for rework (退回重办). */
    @Audited(resource = "work-order", action = AuditAction.UPDATE)
    @WithTransaction
    public Uni<WorkOrderView> callback(Caller caller, UUID id, Boolean satisfied, String note) {
        if (satisfied == null) {
            throw ProblemException.invalidField("satisfied", "is required: true or false");
        }
        return actionable(caller, id).flatMap(o -> {
            caller.requireCenter(o.tenant, "record callbacks");
            requireStatus(o, "record a callback for", WorkOrderStatus.REPLIED);
            WorkOrderStatus from = o.status;
            o.callbackAt = Instant.now();
            o.satisfaction = satisfied ? "SATISFIED" : "UNSATISFIED";
            if (satisfied) {
                o.status = WorkOrderStatus.CALLBACK_DONE;
                o.statusNotes = "Callback done: citizen satisfied";
                return touch(o).flatMap(x -> journal.record(o, caller, "CALLBACK_DONE", from, verdict(o, note),
                        "callback-done", null));
            }
            return journal.record(o, caller, "CALLBACK_DONE", from, verdict(o, note), "callback-done", null)
                    .flatMap(x -> reopenNow(caller, o, "Citizen unsatisfied at callback"
                            + (trimmed(note) == null ? "" : ": " + trimmed(note)), "CALLBACK"));
        }).flatMap(o -> view(o, false));
    }

    private static String verdict(WorkOrder o, String note) {
        return o.satisfaction + (trimmed(note) == null ? "" : ": " + trimmed(note));
    }

    /** Closes a called-back order, or a replied one whose citizen could not be reached (with a reason). */
    @Audited(resource = "work-order", action = AuditAction.UPDATE)
    @WithTransaction
    public Uni<WorkOrderView> close(Caller caller, UUID id, String reason) {
        return actionable(caller, id).flatMap(o -> {
            caller.requireCenter(o.tenant, "close orders");
            requireStatus(o, "close", WorkOrderStatus.CALLBACK_DONE, WorkOrderStatus.REPLIED);
            if (o.status == WorkOrderStatus.REPLIED && trimmed(reason) == null) {
                throw ProblemException.invalidField("reason", "is required to close without a callback (e.g. citizen unreachable after 3 attempts)");
            }
            WorkOrderStatus from = o.status;
            o.status = WorkOrderStatus.CLOSED;
            o.closedAt = Instant.now();
            o.statusNotes = "Closed";
            return touch(o).flatMap(x -> journal.record(o, caller, "CLOSED", from, trimmed(reason), "closed", null));
        }).flatMap(o -> view(o, false));
    }

    /** Sends a replied or closed order back to its unit for rework (退回重办); repeated rework makes it supervised. */
    @Audited(resource = "work-order", action = AuditAction.UPDATE)
    @WithTransaction
    public Uni<WorkOrderView> reopen(Caller caller, UUID id, String reason, String source) {
        String why = requireReason(reason);
        String src = trimmed(source) == null ? "CENTER" : source.trim().toUpperCase(java.util.Locale.ROOT);
        if (!Set.of("CALLBACK", "EVALUATION", "CENTER").contains(src)) {
            throw ProblemException.invalidField("source", "one of CALLBACK, EVALUATION, CENTER");
        }
        return actionable(caller, id).flatMap(o -> {
            caller.requireCenter(o.tenant, "reopen orders");
            requireStatus(o, "reopen", WorkOrderStatus.REPLIED, WorkOrderStatus.CALLBACK_DONE, WorkOrderStatus.CLOSED);
            return reopenNow(caller, o, why, src);
        }).flatMap(o -> view(o, false));
    }

    private Uni<WorkOrder> reopenNow(Caller caller, WorkOrder o, String reason, String source) {
        return unitHours(o).flatMap(hours -> calendars.workingTime(o.tenant, hours)).flatMap(wt -> {
            WorkOrderStatus from = o.status;
            Instant now = Instant.now();
            o.reopenCount++;
            // The earlier verdict stays in the audit trail (the CALLBACK_DONE entry); the reopened case has none yet.
            o.satisfaction = null;
            o.callbackAt = null;
            o.reply = null;
            o.repliedAt = null;
            o.callbackDueAt = null;
            o.closedAt = null;
            o.status = o.unitId == null ? WorkOrderStatus.POOLED : WorkOrderStatus.DISPATCHED;
            o.acceptBy = o.unitId == null ? null : wt.plusWorkingMinutes(now, o.acceptLimitHours * 60L);
            o.startClock(wt, now, config.yellowFraction());
            o.statusNotes = "Returned for rework (退回重办): " + reason;
            Uni<WorkOrder> done = touch(o).flatMap(x -> journal.record(o, caller, "REOPENED", from, reason, "reopened",
                    Map.of("source", source)));
            if (o.reopenCount >= config.superviseAfterReopens() && !o.supervised) {
                return done.flatMap(x -> superviseNow(caller, o, "Reopened " + o.reopenCount + " times", wt));
            }
            return done;
        });
    }

    /** Makes the order a supervised case (督办件): shorter limit, the unit's leader is notified. */
    @Audited(resource = "work-order", action = AuditAction.UPDATE)
    @WithTransaction
    public Uni<WorkOrderView> supervise(Caller caller, UUID id, String reason) {
        String why = requireReason(reason);
        return actionable(caller, id).flatMap(o -> {
            caller.requireCenter(o.tenant, "supervise orders");
            if (FINISHED.contains(o.status)) {
                // Still unresolved after a reply: supervision means the unit works on it again, under supervision.
                return reopenNow(caller, o, "Supervised: " + why, "SUPERVISION").flatMap(r -> r.supervised
                        ? Uni.createFrom().item(r)
                        : unitHours(r).flatMap(h -> calendars.workingTime(r.tenant, h)).flatMap(wt -> superviseNow(caller, r, why, wt)));
            }
            if (o.supervised) {
                return Uni.createFrom().item(o);
            }
            return unitHours(o).flatMap(h -> calendars.workingTime(o.tenant, h)).flatMap(wt -> superviseNow(caller, o, why, wt));
        }).flatMap(o -> view(o, false));
    }

    private Uni<WorkOrder> superviseNow(Caller caller, WorkOrder o, String reason, WorkingTime wt) {
        Instant now = Instant.now();
        o.supervised = true;
        if (o.dueAt != null) {
            Instant shorter = wt.endOfWorkingDays(now, config.supervisedLimitWorkingDays());
            if (shorter.isBefore(o.dueAt)) {
                o.dueAt = shorter;
                o.limitWorkingMinutes = wt.workingMinutesBetween(o.clockStartedAt, shorter);
                o.warnAt = wt.plusWorkingMinutes(o.clockStartedAt,
                        (long) Math.ceil(o.limitWorkingMinutes * config.yellowFraction()));
                o.warningLevel = "NONE";
            }
        }
        o.statusNotes = "Supervised (督办): " + reason;
        Uni<Unit> unit = o.unitId == null ? Uni.createFrom().nullItem() : units.findById(o.unitId);
        return unit.flatMap(u -> {
            Map<String, Object> extra = new HashMap<>();
            extra.put("reason", reason);
            extra.put("leaderName", u == null ? null : u.leaderName);
            extra.put("leaderPhone", u == null ? null : u.leaderPhone);
            return touch(o).flatMap(x -> journal.record(o, caller, "SUPERVISED", o.status, reason, "supervised", extra));
        });
    }

    /** Closed complaints for evaluators: category FEEDBACK, closed in [from, to). */
    @WithSession
    public Uni<WorkOrderPage> closedComplaints(Caller caller, String tenant, Instant from, Instant to, int page, int size) {
        String t = tenant == null || tenant.isBlank() ? caller.tenant() : tenant;
        if (!"*".equals(t)) {
            caller.requireTenant(t);
        } else if (caller.reach() != Caller.Reach.NATIONAL) {
            throw ProblemException.forbidden("tenant-forbidden", "Only national callers may list every tenant.");
        }
        var q = orders.closedComplaints(t, from, to);
        return q.page(Page.of(page, size)).list()
                .flatMap(items -> q.count().flatMap(total -> views(items).map(v -> new WorkOrderPage(v, total, page, size))));
    }

    // ---------------------------------------------------------------- helpers

    /** The order if the caller may see it; 404 otherwise, so that other units' and tenants' orders stay invisible. */
    Uni<WorkOrder> visible(Caller caller, UUID id) {
        return orders.findById(id).map(o -> {
            if (o == null || !canSee(caller, o)) {
                throw notFound(id.toString());
            }
            return o;
        });
    }

    /** Same as {@link #visible} but translates a concurrent change into a 409 the client can retry. */
    private Uni<WorkOrder> actionable(Caller caller, UUID id) {
        return visible(caller, id);
    }

    static boolean canSee(Caller caller, WorkOrder o) {
        return switch (caller.reach()) {
            case NATIONAL -> true;
            case CENTER -> caller.tenant().equals(o.tenant);
            case HANDLER -> caller.tenant().equals(o.tenant) && (caller.unit().equals(o.unitId)
                    || caller.unit().equals(o.answerableUnitId) || o.status == WorkOrderStatus.POOLED);
        };
    }

    private static void requireOwnUnit(Caller caller, WorkOrder o, String action) {
        if (caller.reach() != Caller.Reach.HANDLER) {
            throw ProblemException.forbidden("unit-only", "Only a handler of the responsible unit may " + action + " an order.");
        }
        if (!caller.unit().equals(o.unitId)) {
            throw ProblemException.forbidden("not-your-unit", "This order is with another unit; yours can no longer "
                    + action + " it.");
        }
    }

    static void requireStatus(WorkOrder o, String action, WorkOrderStatus... allowed) {
        for (WorkOrderStatus s : allowed) {
            if (o.status == s) {
                return;
            }
        }
        throw ProblemException.conflict("invalid-transition", "Cannot " + action + " an order that is " + o.status
                + "; allowed from " + java.util.Arrays.toString(allowed) + ".");
    }

    private Uni<WorkOrder> touch(WorkOrder o) {
        o.updatedAt = Instant.now();
        return Uni.createFrom().item(o);
    }

    private Uni<String> unitHours(WorkOrder o) {
        return book.unit(o.tenant, o.unitId).map(u -> u == null ? null : u.workingHours);
    }

    private Uni<WorkingTime> workingTime(WorkOrder o) {
        return unitHours(o).flatMap(h -> calendars.workingTime(o.tenant, h));
    }

    Uni<WorkOrderView> view(WorkOrder o, boolean created) {
        // Units from memory: a view is built after every change, and a unit's name and hours rarely change.
        return book.unit(o.tenant, o.unitId).flatMap(u -> (o.firstResponsibleUnitId == null
                || o.firstResponsibleUnitId.equals(o.unitId) ? Uni.createFrom().item(o.firstResponsibleUnitId == null ? null : u)
                : book.unit(o.tenant, o.firstResponsibleUnitId)).map(first -> WorkOrderView.of(o, u, first, created)));
    }

    Uni<List<WorkOrderView>> views(List<WorkOrder> list) {
        Set<UUID> ids = new HashSet<>();
        list.forEach(o -> {
            if (o.unitId != null) {
                ids.add(o.unitId);
            }
            if (o.firstResponsibleUnitId != null) {
                ids.add(o.firstResponsibleUnitId);
            }
        });
        Uni<List<Unit>> found = ids.isEmpty() ? Uni.createFrom().item(List.of()) : units.list("id in ?1", ids);
        return found.map(us -> {
            Map<UUID, Unit> byId = new HashMap<>();
            us.forEach(u -> byId.put(u.id, u));
            return list.stream().map(o -> WorkOrderView.of(o, byId.get(o.unitId), byId.get(o.firstResponsibleUnitId), false))
                    .toList();
        });
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("work-order-not-found", "No work order " + id + " is visible to you.");
    }

    static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String requireReason(String reason) {
        String r = trimmed(reason);
        if (r == null || r.length() > 1000) {
            throw ProblemException.invalidField("reason", "is required (at most 1000 characters)");
        }
        return r;
    }

    /**
     * One of the five 12393 services by code or Chinese name (common's ServiceCategory); the codes routing used before
     * the one vocabulary (POLICY, PRE_REVIEW) are still read, so that a caller not yet updated is not refused.
     */
    static ServiceCategory category(String raw) {
        String legacy = raw == null ? null : switch (raw.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "POLICY" -> ServiceCategory.POLICY_ANSWER.name();
            case "PRE_REVIEW" -> ServiceCategory.ONLINE_PRE_REVIEW.name();
            default -> raw;
        };
        return ServiceCategory.parse(legacy).orElseThrow(() -> ProblemException.invalidField("category",
                (raw == null || raw.isBlank() ? "is required" : "'" + raw + "' is not a 12393 service") + ": one of "
                        + java.util.Arrays.stream(ServiceCategory.values()).map(c -> c.name() + " (" + c.chineseName() + ")")
                                .collect(java.util.stream.Collectors.joining(", "))));
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String field, String raw, E fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, "'" + raw + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
