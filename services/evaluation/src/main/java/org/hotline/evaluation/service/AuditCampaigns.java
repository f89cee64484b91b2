package org.hotline.evaluation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hotline.common.phone.PhoneNumber;
import org.hotline.common.problem.ProblemException;
import org.hotline.contracts.evaluation.v1.AuditCallScored;
import org.hotline.contracts.evaluation.v1.CallAnswer;
import org.hotline.evaluation.client.KnowledgeClient;
import org.hotline.evaluation.client.PeerRejectedException;
import org.hotline.evaluation.config.EvaluationConfig;
import org.hotline.evaluation.domain.AuditCall;
import org.hotline.evaluation.domain.AuditCampaign;
import org.hotline.evaluation.domain.AuditLine;
import org.hotline.evaluation.repository.Scope;
import org.hotline.events.outbox.EventOutbox;
import org.hotline.events.outbox.NewEvent;

/**
 * Mystery-shopper campaigns (电话暗访): lines, scripted scenarios, auditors, scheduled calls scored on the five
 * criteria with the campaign's pass rule, pass rates per unit, line and campaign. A dead or wrong number is reported
 * to knowledge once per campaign and number (report id derived from both), through a queue that survives outages.
 */
@ApplicationScoped
public class AuditCampaigns {

    private final ObjectMapper json;
    private final EventOutbox outbox;
    private final KnowledgeClient knowledge;
    private final EvaluationConfig config;
    private final IdempotencyKeys keys;
    private final EvaluationMetrics metrics;

    public AuditCampaigns(ObjectMapper json, EventOutbox outbox, KnowledgeClient knowledge, EvaluationConfig config,
            IdempotencyKeys keys, EvaluationMetrics metrics) {
        this.metrics = metrics;
        this.json = json;
        this.outbox = outbox;
        this.knowledge = knowledge;
        this.config = config;
        this.keys = keys;
    }

    /** A line to test. */
    public record LineBody(@Schema(description = "Knowledge institution id, when from the directory") String institutionId,
            @Schema(description = "Routing unit id, if known") String unitId,
            @Schema(example = "淄博市张店区医保经办窗口") String unitName,
            @Schema(example = "0533-2180000") String phone, @Schema(example = "370303") String regionCode) {
    }

    /** A new campaign. */
    public record CampaignBody(@Schema(description = "Only a national caller gives it", example = "37") String tenant,
            @Schema(example = "2026年第四季度电话暗访") String name,
            @Schema(example = "[\"我家人在海南住院，如何办理转诊？\", \"我在上海出差得了急性阑尾炎，住院了，能报销吗？\"]")
            List<String> scenarios,
            @Schema(description = "Subjects of the evaluators who score calls") List<String> auditors,
            @Schema(example = "ALL") String passRule, @Schema(example = "2026-11-23") LocalDate startsOn,
            @Schema(example = "2026-12-18") LocalDate endsOn, List<LineBody> lines) {
    }

    /** A test call to schedule. */
    public record CallBody(UUID lineId, @Schema(example = "我家人在海南住院，如何办理转诊？") String scenario,
            String auditor, @Schema(example = "2026-11-24T02:00:00Z") Instant scheduledAt) {
    }

    /** The score of a test call. */
    public record ScoreBody(@Schema(example = "2026-11-24T02:03:00Z") Instant calledAt,
            @Schema(enumeration = { "ANSWERED", "UNANSWERED", "BUSY", "DEAD_NUMBER", "WRONG_NUMBER" }) String answer,
            @Schema(description = "Seconds before a person answered", example = "12") Integer secondsToAnswer,
            @Schema(example = "3") Integer rings,
            @Schema(description = "业务熟练") Boolean businessProficient,
            @Schema(description = "首问负责: no '不归我们管' brush-off") Boolean firstResponsibility,
            @Schema(description = "服务态度") Boolean goodAttitude,
            @Schema(description = "文明用语: greeting, staff number or surname") Boolean civilLanguage,
            String note) {
    }

    /** A campaign with its lines. */
    public record CampaignDetail(AuditCampaign campaign, List<AuditLine> lines) {
    }

    /** Pass rate of a group of scored calls. */
    public record PassRate(String key, String name, int scored, int passed, double rate) {
    }

    /** Pass rates of a campaign: overall, per unit, per line. */
    public record Results(UUID campaignId, PassRate campaign, List<PassRate> units, List<PassRate> lines,
            int scheduled, int deadNumbersReported) {
    }

    @WithTransaction
    public Uni<Evaluators.Created<CampaignDetail>> create(Scope scope, String tenant, String caller, String key,
            CampaignBody body) {
        if (body == null) {
            throw ProblemException.invalidField("body", "is required");
        }
        AuditCampaign c = new AuditCampaign();
        c.id = UUID.randomUUID();
        c.tenant = tenant;
        c.name = FieldChecks.text("name", body.name(), 200, true);
        c.scenarios = write(FieldChecks.texts("scenarios", body.scenarios(), 50, 500));
        c.auditors = write(FieldChecks.texts("auditors", body.auditors(), 200, 128));
        String rule = body.passRule() == null || body.passRule().isBlank() ? config.audits().passRule() : body.passRule();
        PassRule.parse("passRule", rule);
        c.passRule = rule.strip().toUpperCase(java.util.Locale.ROOT);
        if (body.startsOn() != null && body.endsOn() != null && body.endsOn().isBefore(body.startsOn())) {
            throw ProblemException.invalidField("endsOn", "not before startsOn");
        }
        c.startsOn = body.startsOn();
        c.endsOn = body.endsOn();
        c.createdBy = caller;
        c.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<LineBody> given = body.lines() == null ? List.of() : body.lines();
        if (given.isEmpty() || given.size() > 500) {
            throw ProblemException.invalidField("lines", "1 to 500 lines to test");
        }
        List<AuditLine> lines = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            LineBody l = given.get(i);
            String f = "lines[" + i + "].";
            if (l == null) {
                throw ProblemException.invalidField("lines[" + i + "]", "is required");
            }
            AuditLine line = new AuditLine();
            line.id = UUID.randomUUID();
            line.tenant = tenant;
            line.campaignId = c.id;
            line.institutionId = FieldChecks.text(f + "institutionId", l.institutionId(), 64, false);
            line.unitId = FieldChecks.text(f + "unitId", l.unitId(), 64, false);
            line.unitName = FieldChecks.text(f + "unitName", l.unitName(), 200, true);
            String phone = FieldChecks.text(f + "phone", l.phone(), 32, true);
            String normal = PhoneNumber.normalise(phone);
            if (normal == null || PhoneNumber.digits(phone).length() < 5) {
                throw ProblemException.invalidField(f + "phone", "the line's number, e.g. 0533-2180000");
            }
            line.phone = normal;
            if (l.regionCode() != null) {
                line.regionCode = FieldChecks.region(f + "regionCode", l.regionCode());
                if (!line.regionCode.startsWith(tenant)) {
                    throw ProblemException.invalidField(f + "regionCode", "is not in tenant " + tenant);
                }
            }
            lines.add(line);
        }
        IdempotencyKeys.Scoped scoped = keys.scope(tenant, "audit-campaigns", caller, key, body);
        return keys.earlier(scoped).chain(done -> done != null
                ? detail(scope, done.resultId).map(d -> new Evaluators.Created<>(d, true))
                : c.persist().chain(() -> Panache.getSession().chain(s -> s.persistAll(lines.toArray())))
                        .call(() -> keys.remember(scoped, c.id, null))
                        .map(x -> new Evaluators.Created<>(new CampaignDetail(c, lines), false)));
    }

    @WithSession
    public Uni<CampaignDetail> get(Scope scope, UUID id) {
        return detail(scope, id);
    }

    private Uni<CampaignDetail> detail(Scope scope, UUID id) {
        return campaign(scope, id).chain(c -> AuditLine.<AuditLine>list("campaignId = ?1 order by unitName, id", c.id)
                .map(lines -> new CampaignDetail(c, lines)));
    }

    @WithSession
    public Uni<List<AuditCampaign>> list(Scope scope, int page, int size) {
        return (scope.national() ? AuditCampaign.<AuditCampaign>find("order by createdAt desc, id")
                : AuditCampaign.<AuditCampaign>find("tenant = ?1 order by createdAt desc, id", scope.tenant()))
                .page(page, size).list();
    }

    @WithTransaction
    public Uni<AuditCall> schedule(Scope scope, UUID campaignId, CallBody body) {
        if (body == null || body.lineId() == null) {
            throw ProblemException.invalidField("lineId", "is required: a line of the campaign");
        }
        String scenario = FieldChecks.text("scenario", body.scenario(), 500, false);
        String auditor = FieldChecks.text("auditor", body.auditor(), 128, false);
        return campaign(scope, campaignId).chain(c -> AuditLine.<AuditLine>find("id = ?1 and campaignId = ?2",
                body.lineId(), c.id).firstResult().chain(line -> {
                    if (line == null) {
                        throw ProblemException.invalidField("lineId", "is not a line of this campaign");
                    }
                    if (auditor != null && !read(c.auditors).contains(auditor)) {
                        throw ProblemException.invalidField("auditor", "is not an auditor of this campaign");
                    }
                    AuditCall call = new AuditCall();
                    call.id = UUID.randomUUID();
                    call.tenant = c.tenant;
                    call.campaignId = c.id;
                    call.lineId = line.id;
                    call.scenario = scenario;
                    call.auditor = auditor;
                    call.scheduledAt = body.scheduledAt();
                    return call.persist();
                }));
    }

    /**
     * Scores a call once (a retry with the same score answers the same call; another score is a 409). A dead or wrong
     * number is queued for knowledge unless this campaign already reported that number.
     */
    @WithTransaction
    public Uni<AuditCall> score(Scope scope, String subject, boolean staff, UUID campaignId, UUID callId,
            ScoreBody body) {
        if (body == null) {
            throw ProblemException.invalidField("body", "is required");
        }
        CallAnswer answer = FieldChecks.oneOf("answer", body.answer(), CallAnswer.class, true);
        if (answer == CallAnswer.CALL_ANSWER_UNSPECIFIED || answer == CallAnswer.UNRECOGNIZED) {
            throw ProblemException.invalidField("answer", "ANSWERED, UNANSWERED, BUSY, DEAD_NUMBER or WRONG_NUMBER");
        }
        if (body.calledAt() == null || body.calledAt().isAfter(Instant.now().plus(1, ChronoUnit.HOURS))) {
            throw ProblemException.invalidField("calledAt", "when the call was made (UTC), not in the future");
        }
        boolean answered = answer == CallAnswer.ANSWERED;
        if (answered && (body.secondsToAnswer() == null || body.secondsToAnswer() < 0 || body.secondsToAnswer() > 3600)) {
            throw ProblemException.invalidField("secondsToAnswer", "0 to 3600 seconds before a person answered");
        }
        if (body.rings() != null && (body.rings() < 0 || body.rings() > 100)) {
            throw ProblemException.invalidField("rings", "0 to 100");
        }
        String note = FieldChecks.text("note", body.note(), 2000, false);
        return campaign(scope, campaignId).chain(c -> AuditCall.<AuditCall>find("id = ?1 and campaignId = ?2", callId,
                c.id).firstResult().chain(call -> {
                    if (call == null) {
                        throw ProblemException.notFound("audit-call-not-found", "No call " + callId + " in campaign.");
                    }
                    if (!staff && !subject.equals(call.auditor)) {
                        throw ProblemException.notFound("audit-call-not-found", "No call " + callId + " for you.");
                    }
                    EnumSet<PassRule.Criterion> met = EnumSet.noneOf(PassRule.Criterion.class);
                    boolean prompt = answered && body.secondsToAnswer() <= config.audits().promptSeconds()
                            && (body.rings() == null || body.rings() <= config.audits().promptRings());
                    if (prompt) {
                        met.add(PassRule.Criterion.ANSWERED_PROMPTLY);
                    }
                    // Not answered by a person: the other four cannot be met either.
                    if (answered && Boolean.TRUE.equals(body.businessProficient())) {
                        met.add(PassRule.Criterion.BUSINESS_PROFICIENT);
                    }
                    if (answered && Boolean.TRUE.equals(body.firstResponsibility())) {
                        met.add(PassRule.Criterion.FIRST_RESPONSIBILITY);
                    }
                    if (answered && Boolean.TRUE.equals(body.goodAttitude())) {
                        met.add(PassRule.Criterion.GOOD_ATTITUDE);
                    }
                    if (answered && Boolean.TRUE.equals(body.civilLanguage())) {
                        met.add(PassRule.Criterion.CIVIL_LANGUAGE);
                    }
                    boolean passed = PassRule.parse("passRule", c.passRule).passes(met);
                    if (call.scoredAt != null) {
                        boolean same = Objects.equals(call.answer, answer.name())
                                && Objects.equals(call.passed, passed)
                                && call.calledAt.equals(body.calledAt().truncatedTo(ChronoUnit.SECONDS))
                                && Objects.equals(call.answeredPromptly, prompt);
                        if (same) {
                            return Uni.createFrom().item(call);
                        }
                        throw ProblemException.conflict("audit-call-already-scored",
                                "Call " + callId + " was scored on " + call.scoredAt + ".");
                    }
                    call.calledAt = body.calledAt().truncatedTo(ChronoUnit.SECONDS);
                    call.answer = answer.name();
                    call.secondsToAnswer = answered ? body.secondsToAnswer() : null;
                    call.rings = body.rings();
                    call.answeredPromptly = prompt;
                    call.businessProficient = met.contains(PassRule.Criterion.BUSINESS_PROFICIENT);
                    call.firstResponsibility = met.contains(PassRule.Criterion.FIRST_RESPONSIBILITY);
                    call.goodAttitude = met.contains(PassRule.Criterion.GOOD_ATTITUDE);
                    call.civilLanguage = met.contains(PassRule.Criterion.CIVIL_LANGUAGE);
                    call.passed = passed;
                    call.note = note;
                    call.scoredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    boolean dead = answer == CallAnswer.DEAD_NUMBER || answer == CallAnswer.WRONG_NUMBER;
                    return AuditLine.<AuditLine>findById(call.lineId).chain(line -> {
                        Uni<Void> queued = !dead ? Uni.createFrom().voidItem()
                                : AuditCall.count("campaignId = ?1 and deadNumberStatus is not null and lineId in "
                                        + "(select l.id from AuditLine l where l.campaignId = ?1 and l.phone = ?2)",
                                        c.id, line.phone).invoke(n -> call.deadNumberStatus = n == 0 ? "PENDING"
                                                : "SKIPPED").replaceWithVoid();
                        return queued.chain(() -> outbox.append(scored(call, line, answer)))
                                .invoke(() -> metrics.auditCallScored(call.tenant, call.passed));
                    }).replaceWith(call);
                }));
    }

    private static NewEvent scored(AuditCall call, AuditLine line, CallAnswer answer) {
        AuditCallScored.Builder b = AuditCallScored.newBuilder().setCallId(call.id.toString())
                .setCampaignId(call.campaignId.toString()).setUnitName(line.unitName).setLinePhone(line.phone)
                .setAnswer(answer).setSecondsToAnswer(call.secondsToAnswer == null ? 0 : call.secondsToAnswer)
                .setRings(call.rings == null ? 0 : call.rings).setAnsweredPromptly(call.answeredPromptly)
                .setBusinessProficient(call.businessProficient).setFirstResponsibility(call.firstResponsibility)
                .setGoodAttitude(call.goodAttitude).setCivilLanguage(call.civilLanguage).setPassed(call.passed)
                .setCalledAt(call.calledAt.toString()).setScoredAt(call.scoredAt.toString());
        if (line.institutionId != null) {
            b.setInstitutionId(line.institutionId);
        }
        if (line.unitId != null) {
            b.setUnitId(line.unitId);
        }
        if (line.regionCode != null) {
            b.setRegionCode(line.regionCode);
        }
        return new NewEvent(UUID.randomUUID(), EvaluationEvents.AUDIT_CALL_SCORED, call.tenant, call.id.toString(),
                call.scoredAt, 1, b.build());
    }

    @WithSession
    public Uni<List<AuditCall>> calls(Scope scope, UUID campaignId) {
        return campaign(scope, campaignId).chain(c -> AuditCall.<AuditCall>list(
                "campaignId = ?1 order by scheduledAt, id", c.id));
    }

    /** Pass rates of the scored calls: campaign, per unit (unit id or name), per line. */
    @WithSession
    public Uni<Results> results(Scope scope, UUID campaignId) {
        return detail(scope, campaignId).chain(d -> AuditCall.<AuditCall>list("campaignId", d.campaign().id)
                .map(calls -> {
                    Map<UUID, AuditLine> lines = new LinkedHashMap<>();
                    d.lines().forEach(l -> lines.put(l.id, l));
                    Map<String, int[]> units = new LinkedHashMap<>();
                    Map<String, String> unitNames = new LinkedHashMap<>();
                    Map<String, int[]> perLine = new LinkedHashMap<>();
                    int[] all = new int[2];
                    int reported = 0;
                    for (AuditCall call : calls) {
                        if ("DONE".equals(call.deadNumberStatus)) {
                            reported++;
                        }
                        if (call.scoredAt == null) {
                            continue;
                        }
                        AuditLine l = lines.get(call.lineId);
                        String unit = l.unitId != null ? l.unitId : l.unitName;
                        unitNames.put(unit, l.unitName);
                        add(all, call.passed);
                        add(units.computeIfAbsent(unit, k -> new int[2]), call.passed);
                        add(perLine.computeIfAbsent(l.id.toString(), k -> new int[2]), call.passed);
                    }
                    List<PassRate> unitRates = new ArrayList<>();
                    units.forEach((k, v) -> unitRates.add(rate(k, unitNames.get(k), v)));
                    List<PassRate> lineRates = new ArrayList<>();
                    perLine.forEach((k, v) -> lineRates.add(rate(k, lines.get(UUID.fromString(k)).phone, v)));
                    return new Results(d.campaign().id, rate(d.campaign().id.toString(), d.campaign().name, all),
                            unitRates, lineRates, calls.size(), reported);
                }));
    }

    private static void add(int[] counts, Boolean passed) {
        counts[0]++;
        if (Boolean.TRUE.equals(passed)) {
            counts[1]++;
        }
    }

    private static PassRate rate(String key, String name, int[] v) {
        return new PassRate(key, name, v[0], v[1], v[0] == 0 ? 0 : Math.round(10000.0 * v[1] / v[0]) / 10000.0);
    }

    /** Sends queued dead-number reports to knowledge; one report id per campaign and number. */
    public Uni<Void> reportDeadNumbers() {
        return Panache.withSession(() -> AuditCall.<AuditCall>find("deadNumberStatus = 'PENDING' order by scoredAt")
                .page(0, 50).list()).chain(list -> Multi.createFrom().iterable(list)
                .onItem().transformToUniAndConcatenate(call -> Panache.withSession(
                        () -> AuditLine.<AuditLine>findById(call.lineId))
                        .chain(line -> knowledge.reportDeadNumber(line.institutionId, line.phone,
                                reportId(call.campaignId, line.phone).toString(), reporter(call),
                                ("DEAD_NUMBER".equals(call.answer) ? "空号" : "非本单位号码") + " (电话暗访)")
                                .replaceWith("DONE")
                                .onFailure(PeerRejectedException.class).recoverWithItem("NOT_IN_DIRECTORY"))
                        .chain(status -> Panache.withTransaction(() -> AuditCall.<AuditCall>findById(call.id)
                                .invoke(x -> {
                                    x.deadNumberStatus = status;
                                    x.deadNumberReportedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                                })))
                        .onFailure().recoverWithUni(f -> {
                            Log.infof("Dead-number report of audit call %s delayed: %s", call.id, f.getMessage());
                            return Uni.createFrom().nullItem();
                        }))
                .collect().last().replaceWithVoid());
    }

    /**
     * Who found the number dead, for knowledge's count of distinct reporters: the auditor (an evaluator's token
     * subject, no personal data), or the campaign when the call named no auditor.
     */
    static String reporter(AuditCall call) {
        return call.auditor != null && !call.auditor.isBlank() ? call.auditor : "audit-campaign:" + call.campaignId;
    }

    /** The report id of a campaign's number: knowledge counts it once however often it is sent. */
    static UUID reportId(UUID campaignId, String phone) {
        return UUID.nameUUIDFromBytes(("audit:" + campaignId + ":" + phone).getBytes(StandardCharsets.UTF_8));
    }

    private Uni<AuditCampaign> campaign(Scope scope, UUID id) {
        Uni<AuditCampaign> found = scope.national() ? AuditCampaign.findById(id)
                : AuditCampaign.<AuditCampaign>find("id = ?1 and tenant = ?2", id, scope.tenant()).firstResult();
        return found.map(c -> {
            if (c == null) {
                throw ProblemException.notFound("audit-campaign-not-found", "No campaign " + id + " in your reach.");
            }
            return c;
        });
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<String> read(String value) {
        try {
            return value == null ? List.of() : json.readValue(value, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
