package org.hotline.evaluation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hotline.common.problem.ProblemException;
import org.hotline.contracts.evaluation.v1.HearingItemDecided;
import org.hotline.evaluation.config.EvaluationConfig;
import org.hotline.evaluation.domain.EvaluationCase;
import org.hotline.evaluation.domain.Hearing;
import org.hotline.evaluation.domain.HearingItem;
import org.hotline.evaluation.domain.RoutingAction;
import org.hotline.evaluation.repository.CaseRepository;
import org.hotline.evaluation.repository.Scope;
import org.hotline.events.outbox.EventOutbox;
import org.hotline.events.outbox.NewEvent;

/**
 * Hearings (听证会), quarterly per tenant: the agenda is generated from the quarter's disputed cases (verdicts that
 * disagree), supervised cases and the units with the most rework and supervision; attendance, an outcome per item
 * (once), follow-ups with owners and due dates; an item's REWORK or SUPERVISE outcome goes to routing through the
 * durable action queue.
 */
@ApplicationScoped
public class Hearings {

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    /** Outcomes of an agenda item. */
    public enum Outcome { UNIT_UPHELD, COMPLAINANT_UPHELD, REWORK, SUPERVISE, NOTED }

    private final CaseRepository cases;
    private final CaseActions actions;
    private final EventOutbox outbox;
    private final EvaluationConfig config;
    private final ObjectMapper json;

    public Hearings(CaseRepository cases, CaseActions actions, EventOutbox outbox, EvaluationConfig config,
            ObjectMapper json) {
        this.cases = cases;
        this.actions = actions;
        this.outbox = outbox;
        this.config = config;
        this.json = json;
    }

    /** A hearing to plan. */
    public record HearingBody(@Schema(example = "37") String tenant, @Schema(example = "2026-Q4") String quarter,
            @Schema(example = "2026年第四季度医保服务听证会") String title,
            @Schema(example = "2026-12-20T01:30:00Z") Instant heldAt, @Schema(example = "淄博市医保局三楼会议室") String location) {
    }

    /** Who attended. */
    public record Attendance(List<String> units, List<String> evaluators) {
    }

    /** A follow-up of a decision. */
    public record FollowUp(@Schema(example = "复核报销材料") String action, @Schema(example = "张店区医保局") String owner,
            @Schema(example = "2027-01-15") LocalDate dueOn) {
    }

    /** The decision on an agenda item. */
    public record Decision(@Schema(enumeration = { "UNIT_UPHELD", "COMPLAINANT_UPHELD", "REWORK", "SUPERVISE", "NOTED" })
            String outcome, String note, List<FollowUp> followUps) {
    }

    /** A hearing with its agenda. */
    public record HearingDetail(Hearing hearing, List<HearingItem> items) {
    }

    /** The quarter before the one {@code now} falls in, in the tenant's zone, like 2026-Q3. */
    public static String previousQuarter(Instant now, ZoneId zone) {
        LocalDate start = LocalDate.ofInstant(now, zone).withDayOfMonth(1).minusMonths(3);
        return start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
    }

    /** The title of a hearing the quarterly planner made (one per tenant and quarter: the table's unique key). */
    public static String plannedTitle(String quarter) {
        return quarter.substring(0, 4) + "年第" + "一二三四".charAt(quarter.charAt(6) - '1') + "季度听证会";
    }

    /** Whether the tenant has any hearing for the quarter (planned by hand or by the planner). */
    @WithSession
    public Uni<Boolean> exists(String tenant, String quarter) {
        return Hearing.count("tenant = ?1 and quarter = ?2", tenant, quarter).map(n -> n > 0);
    }

    @WithTransaction
    public Uni<HearingDetail> plan(Scope scope, String tenant, String caller, HearingBody body) {
        if (body == null) {
            throw ProblemException.invalidField("body", "is required");
        }
        Matcher m = QUARTER.matcher(body.quarter() == null ? "" : body.quarter());
        if (!m.matches()) {
            throw ProblemException.invalidField("quarter", "like 2026-Q4");
        }
        ZoneId zone = config.zoneOf(tenant);
        LocalDate start = LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1);
        Instant from = start.atStartOfDay(zone).toInstant();
        Instant to = start.plusMonths(3).atStartOfDay(zone).toInstant();
        Hearing h = new Hearing();
        h.id = UUID.randomUUID();
        h.tenant = tenant;
        h.quarter = body.quarter();
        h.title = FieldChecks.text("title", body.title(), 200, true);
        h.heldAt = body.heldAt();
        h.location = FieldChecks.text("location", body.location(), 200, false);
        h.status = "PLANNED";
        h.attendance = write(new Attendance(List.of(), List.of()));
        h.createdBy = caller;
        h.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Hearing.count("tenant = ?1 and quarter = ?2 and title = ?3", tenant, h.quarter, h.title).chain(n -> {
            if (n > 0) {
                throw ProblemException.conflict("hearing-exists", "A hearing with this title exists for " + h.quarter);
            }
            return agenda(h, from, to);
        }).chain(items -> h.persist().chain(() -> items.isEmpty() ? Uni.createFrom().voidItem()
                : Panache.getSession().chain(s -> s.persistAll(items.toArray())))
                .map(x -> new HearingDetail(h, items)));
    }

    private Uni<List<HearingItem>> agenda(Hearing h, Instant from, Instant to) {
        return Panache.getSession().chain(s -> s.createSelectionQuery("select c from EvaluationCase c where c.tenant = :t "
                + "and c.id in (select f.caseId from CaseEvaluation f where f.outcome = 'HEARING' and f.submittedAt >= :f "
                + "and f.submittedAt < :to) and c.id not in (select i.caseId from HearingItem i where i.caseId is not null)"
                + " order by c.createdAt", EvaluationCase.class).setParameter("t", h.tenant).setParameter("f", from)
                .setParameter("to", to).getResultList()
                .chain(disputed -> s.createSelectionQuery("select c from EvaluationCase c where c.tenant = :t and "
                        + "c.stage = :st and c.updatedAt >= :f and c.updatedAt < :to and c.id not in (select i.caseId from "
                        + "HearingItem i where i.caseId is not null) order by c.createdAt", EvaluationCase.class)
                        .setParameter("t", h.tenant).setParameter("st", EvaluationCase.Stage.SUPERVISED)
                        .setParameter("f", from).setParameter("to", to).getResultList()
                        .chain(supervised -> s.createSelectionQuery("select c.unitId, count(*) from CaseEvaluation f, "
                                + "EvaluationCase c where f.caseId = c.id and c.tenant = :t and c.unitId is not null and "
                                + "f.outcome in ('REWORK', 'SUPERVISION') and f.submittedAt >= :f and f.submittedAt < :to "
                                + "group by c.unitId order by count(*) desc, c.unitId", Object[].class)
                                .setParameter("t", h.tenant).setParameter("f", from).setParameter("to", to)
                                .setMaxResults(config.hearings().worstUnits()).getResultList()
                                .map(worst -> {
                                    List<HearingItem> items = new ArrayList<>();
                                    disputed.forEach(c -> items.add(item(h, "DISPUTED_CASE", c.id, c.unitId,
                                            "诉求人与评价员意见不一致: 工单 " + c.workOrderId)));
                                    supervised.forEach(c -> items.add(item(h, "SUPERVISED_CASE", c.id, c.unitId,
                                            "督办件: 工单 " + c.workOrderId)));
                                    worst.forEach(r -> items.add(item(h, "UNIT", null, (UUID) r[0],
                                            "本季度退回重办/督办 " + r[1] + " 件")));
                                    return items;
                                }))));
    }

    private HearingItem item(Hearing h, String kind, UUID caseId, UUID unitId, String summary) {
        HearingItem i = new HearingItem();
        i.id = UUID.randomUUID();
        i.tenant = h.tenant;
        i.hearingId = h.id;
        i.kind = kind;
        i.caseId = caseId;
        i.unitId = unitId;
        i.summary = summary;
        i.followUps = "[]";
        return i;
    }

    @WithSession
    public Uni<HearingDetail> get(Scope scope, UUID id) {
        return hearing(scope, id).chain(h -> HearingItem.<HearingItem>list("hearingId = ?1 order by kind, id", h.id)
                .map(items -> new HearingDetail(h, items)));
    }

    @WithSession
    public Uni<List<Hearing>> list(Scope scope, int page, int size) {
        return (scope.national() ? Hearing.<Hearing>find("order by createdAt desc, id")
                : Hearing.<Hearing>find("tenant = ?1 order by createdAt desc, id", scope.tenant())).page(page, size).list();
    }

    @WithTransaction
    public Uni<Hearing> attendance(Scope scope, UUID id, Attendance body) {
        if (body == null) {
            throw ProblemException.invalidField("body", "is required");
        }
        Attendance clean = new Attendance(FieldChecks.texts("units", body.units(), 200, 200),
                FieldChecks.texts("evaluators", body.evaluators(), 500, 128));
        return hearing(scope, id).invoke(h -> h.attendance = write(clean));
    }

    /** Decides an item once; REWORK or SUPERVISE of a case item queues the routing action. */
    @WithTransaction
    public Uni<HearingItem> decide(Scope scope, String caller, UUID hearingId, UUID itemId, Decision body) {
        if (body == null) {
            throw ProblemException.invalidField("body", "is required");
        }
        Outcome outcome = FieldChecks.oneOf("outcome", body.outcome(), Outcome.class, true);
        String note = FieldChecks.text("note", body.note(), 2000, false);
        List<FollowUp> followUps = body.followUps() == null ? List.of() : body.followUps();
        if (followUps.size() > 20) {
            throw ProblemException.invalidField("followUps", "at most 20");
        }
        for (int i = 0; i < followUps.size(); i++) {
            FollowUp f = followUps.get(i);
            if (f == null || f.dueOn() == null) {
                throw ProblemException.invalidField("followUps[" + i + "].dueOn", "is required");
            }
            FieldChecks.text("followUps[" + i + "].action", f.action(), 500, true);
            FieldChecks.text("followUps[" + i + "].owner", f.owner(), 200, true);
        }
        return hearing(scope, hearingId).chain(h -> HearingItem.<HearingItem>find("id = ?1 and hearingId = ?2", itemId,
                h.id).firstResult().chain(item -> {
                    if (item == null) {
                        throw ProblemException.notFound("hearing-item-not-found", "No item " + itemId + ".");
                    }
                    if (item.outcome != null) {
                        throw ProblemException.conflict("hearing-item-decided", "Decided on " + item.decidedAt + ".");
                    }
                    if ((outcome == Outcome.REWORK || outcome == Outcome.SUPERVISE) && item.caseId == null) {
                        throw ProblemException.invalidField("outcome", "REWORK and SUPERVISE apply to case items");
                    }
                    item.outcome = outcome.name();
                    item.outcomeNote = note;
                    item.decidedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    item.followUps = write(followUps);
                    Uni<EvaluationCase> c = item.caseId == null ? Uni.createFrom().nullItem() : cases.findById(item.caseId);
                    return c.chain(ec -> {
                        Uni<Void> action = Uni.createFrom().voidItem();
                        if (ec != null && (outcome == Outcome.REWORK || outcome == Outcome.SUPERVISE)) {
                            // Round 0 marks hearing-triggered actions: one rework and one supervision per case.
                            RoutingAction.Kind kind = outcome == Outcome.REWORK ? RoutingAction.Kind.REOPEN
                                    : RoutingAction.Kind.SUPERVISE;
                            action = actions.request(ec, kind, 0, "HEARING", "听证会 " + h.quarter + " 决定: "
                                    + (note == null ? outcome.name() : note), "hearing:" + caller, null);
                        }
                        HearingItemDecided.Builder b = HearingItemDecided.newBuilder().setHearingId(h.id.toString())
                                .setItemId(item.id.toString()).setKind(item.kind).setQuarter(h.quarter)
                                .setOutcome(item.outcome).setDecidedAt(item.decidedAt.toString())
                                .setFollowUps(followUps.size());
                        if (ec != null) {
                            b.setWorkOrderId(ec.workOrderId.toString()).setCaseId(ec.id.toString())
                                    .setRegionCode(ec.regionCode);
                        }
                        if (item.unitId != null) {
                            b.setUnitId(item.unitId.toString());
                        }
                        NewEvent e = new NewEvent(UUID.randomUUID(), EvaluationEvents.HEARING_ITEM_DECIDED, h.tenant,
                                item.id.toString(), item.decidedAt, 1, b.build());
                        return action.chain(() -> outbox.append(e))
                                .chain(() -> HearingItem.count("hearingId = ?1 and outcome is null and id <> ?2", h.id,
                                        item.id))
                                .invoke(open -> {
                                    if (open == 0) {
                                        h.status = "HELD";
                                    }
                                }).replaceWith(item);
                    });
                }));
    }

    private Uni<Hearing> hearing(Scope scope, UUID id) {
        Uni<Hearing> found = scope.national() ? Hearing.findById(id)
                : Hearing.<Hearing>find("id = ?1 and tenant = ?2", id, scope.tenant()).firstResult();
        return found.map(h -> {
            if (h == null) {
                throw ProblemException.notFound("hearing-not-found", "No hearing " + id + " in your reach.");
            }
            return h;
        });
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a JSON column. */
    public <T> T read(String value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
