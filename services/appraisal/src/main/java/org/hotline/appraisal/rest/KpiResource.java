package org.hotline.appraisal.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hotline.appraisal.domain.CallFact;
import org.hotline.appraisal.domain.Period;
import org.hotline.appraisal.domain.WorkOrderFact;
import org.hotline.appraisal.repository.FactRecords;
import org.hotline.appraisal.repository.KpiQueries;
import org.hotline.appraisal.service.AccessScope;
import org.hotline.appraisal.service.KpiService;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;

/**
 * Both tracks of KPIs by period and dimension (formulas in docs/appraisal.md), as JSON or CSV, and the records behind
 * each figure. Provincial callers see their province; the platform operator the nation or one province.
 */
@Path("/api/v1/kpis")
@RolesAllowed({ Roles.LEADER, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.SERVICE })
public class KpiResource {

    private final KpiService kpis;
    private final FactRecords records;
    private final AccessScope scope;

    public KpiResource(KpiService kpis, FactRecords records, AccessScope scope) {
        this.kpis = kpis;
        this.records = records;
        this.scope = scope;
    }

    /** A call behind a figure (no personal data: the switch's call id, queue, staff id, times, waits). */
    public record CallRecordView(String callId, String tenant, String queueId, String regionCode, String agentId,
            String category, String outcome, String offeredAt, String answeredAt, String abandonedAt, String endedAt,
            Double waitSeconds, Double handleSeconds) {

        static CallRecordView of(CallFact c) {
            return new CallRecordView(c.callId, c.tenant, c.queueId, c.regionCode, c.agentId, c.category, c.outcome,
                    s(c.offeredAt), s(c.answeredAt), s(c.abandonedAt), s(c.endedAt),
                    c.waitSeconds == null ? null : c.waitSeconds.doubleValue(),
                    c.handleSeconds == null ? null : c.handleSeconds.doubleValue());
        }
    }

    /** A work order behind a figure. */
    public record WorkOrderRecordView(String workOrderId, String tenant, String regionCode, String unitId,
            String category, String channel, String status, String receivedAt, String dueAt, String repliedAt,
            Boolean repliedOnTime, String satisfaction, boolean supervised, int reopenCount, int returnsUsed,
            boolean pooled, boolean claimed) {

        static WorkOrderRecordView of(WorkOrderFact o) {
            return new WorkOrderRecordView(o.workOrderId.toString(), o.tenant, o.regionCode, o.unitId, o.category,
                    o.channel, o.status, s(o.receivedAt), s(o.dueAt), s(o.repliedAt), o.repliedOnTime, o.satisfaction,
                    o.supervised, o.reopenCount, o.returnsUsed, o.pooled, o.claimed);
        }
    }

    /** An evaluation behind a figure (verdicts and outcome; no complainant data). */
    public record EvaluationRecordView(String evaluationId, String tenant, String workOrderId, String unitId,
            String regionCode, String category, int round, String complainantVerdict, String evaluatorVerdict,
            String outcome, boolean late, String submittedAt) {

        static EvaluationRecordView of(Object[] r) {
            return new EvaluationRecordView((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    (String) r[5], ((Number) r[6]).intValue(), (String) r[7], (String) r[8], (String) r[9],
                    Boolean.TRUE.equals(r[10]), KpiService.instant(r[11]));
        }
    }

    /** A survey answer behind a 满意度评分 figure (no caller data exists in appraisal). */
    public record SurveyRecordView(String contactId, String tenant, String callId, String agentId, String queueId,
            String regionCode, String channel, String category, String answer, int score, String answeredAt) {

        static SurveyRecordView of(Object[] r) {
            return new SurveyRecordView((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    (String) r[5], (String) r[6], (String) r[7], (String) r[8], ((Number) r[9]).intValue(),
                    KpiService.instant(r[10]));
        }
    }

    /** A quality review behind a 解答准确率 figure; the reviewer's note and name stay in evaluation. */
    public record AnswerReviewRecordView(String reviewId, String tenant, String contactId, String callId,
            String agentId, String queueId, String regionCode, String channel, String category, boolean accurate,
            String expectedArticleId, String reviewedAt) {

        static AnswerReviewRecordView of(Object[] r) {
            return new AnswerReviewRecordView((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                    (String) r[4], (String) r[5], (String) r[6], (String) r[7], (String) r[8],
                    Boolean.TRUE.equals(r[9]), (String) r[10], KpiService.instant(r[11]));
        }
    }

    /** A page of records and how many there are. */
    public record RecordPage<T>(List<T> items, long total, int page, int size) {
    }

    @GET
    @Path("/calls")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @Operation(summary = "Call and agent KPIs: offered, answered, abandoned, short abandons, 接通率, service level, ASA, "
            + "AHT, abandonment, callbacks, first-contact resolution, occupancy, 回访执行率",
            description = "by: TENANT, QUEUE, REGION, AGENT, CATEGORY, CHANNEL. asOf (default now): callbacks (回访) "
                    + "not done count as due once their due time is before it.")
    public Uni<Response> calls(@Parameter(example = "37") @QueryParam("tenant") String tenant,
            @Parameter(example = "2026-11-23T00:00:00Z") @QueryParam("from") String from,
            @Parameter(example = "2026-11-24T00:00:00Z") @QueryParam("to") String to,
            @Parameter(example = "HALF_HOUR") @QueryParam("period") String period,
            @Parameter(example = "QUEUE") @QueryParam("by") String by, @QueryParam("asOf") String asOf,
            @QueryParam("settingsVersion") Integer version, @QueryParam("format") String format) {
        String t = scope.readScope(tenant);
        Period p = KpiParams.period(period);
        Instant f = KpiParams.instant("from", from, null);
        Instant u = KpiParams.instant("to", to, null);
        KpiParams.range(f, u, p);
        String d = KpiParams.dimension(by, KpiQueries.CALL_DIMENSIONS.keySet(), "TENANT");
        Instant at = KpiParams.instant("asOf", asOf, Instant.now());
        boolean csv = KpiParams.csv(format);
        return kpis.calls(t, f, u, p, d, at, version).map(figures -> csv
                ? csv(Csv.of(KpiService.CallRow.class, figures.rows()))
                : Response.ok(figures, MediaType.APPLICATION_JSON).build());
    }

    @GET
    @Path("/work-orders")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @Operation(summary = "Work-order KPIs: 工单处理时效 (late still-open orders count as late at asOf), 问题解决率, "
            + "服务态度评价, returns and improper returns, rework, supervision, claim-pool take-up",
            description = "by: TENANT, UNIT, REGION, CATEGORY, CHANNEL. asOf defaults to now.")
    public Uni<Response> workOrders(@QueryParam("tenant") String tenant,
            @Parameter(example = "2026-11-01T00:00:00Z") @QueryParam("from") String from,
            @Parameter(example = "2026-12-01T00:00:00Z") @QueryParam("to") String to,
            @Parameter(example = "MONTH") @QueryParam("period") String period,
            @Parameter(example = "UNIT") @QueryParam("by") String by,
            @QueryParam("asOf") String asOf, @QueryParam("settingsVersion") Integer version,
            @QueryParam("format") String format) {
        String t = scope.readScope(tenant);
        Period p = KpiParams.period(period);
        Instant f = KpiParams.instant("from", from, null);
        Instant u = KpiParams.instant("to", to, null);
        KpiParams.range(f, u, p);
        Instant at = KpiParams.instant("asOf", asOf, Instant.now());
        String d = KpiParams.dimension(by, KpiQueries.ORDER_DIMENSIONS.keySet(), "TENANT");
        boolean csv = KpiParams.csv(format);
        return kpis.workOrders(t, f, u, p, d, at, version).map(figures -> csv
                ? csv(Csv.of(KpiService.WorkOrderRow.class, figures.rows()))
                : Response.ok(figures, MediaType.APPLICATION_JSON).build());
    }

    @GET
    @Path("/evaluations")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @Operation(summary = "Evaluation KPIs: satisfaction after evaluation, disputes, rework and supervision requested, "
            + "mystery-shopper pass rate and dead numbers", description = "by: TENANT, UNIT, REGION, CATEGORY.")
    public Uni<Response> evaluations(@QueryParam("tenant") String tenant, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("period") String period, @QueryParam("by") String by,
            @QueryParam("format") String format) {
        String t = scope.readScope(tenant);
        Period p = KpiParams.period(period);
        Instant f = KpiParams.instant("from", from, null);
        Instant u = KpiParams.instant("to", to, null);
        KpiParams.range(f, u, p);
        String d = KpiParams.dimension(by, KpiQueries.EVALUATION_DIMENSIONS.keySet(), "TENANT");
        boolean csv = KpiParams.csv(format);
        return kpis.evaluations(t, f, u, p, d, null).map(figures -> csv
                ? csv(Csv.of(KpiService.EvaluationRow.class, figures.rows()))
                : Response.ok(figures, MediaType.APPLICATION_JSON).build());
    }

    @GET
    @Path("/calls/records")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The calls behind a call figure: same tenant, range and dimension, key = the row's key")
    public Uni<RecordPage<CallRecordView>> callRecords(@QueryParam("tenant") String tenant,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("by") String by,
            @QueryParam("key") String key, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        RecordQuery q = recordQuery(tenant, from, to, by, KpiQueries.CALL_DIMENSIONS.keySet(), page, size);
        return records.calls(q.tenant(), q.from(), q.to(), q.dimension(), key, page, size)
                .map(r -> new RecordPage<>(
                        r.getItem1().stream().map(CallRecordView::of).toList(), r.getItem2(), page, size));
    }

    @GET
    @Path("/work-orders/records")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The work orders behind a work-order figure")
    public Uni<RecordPage<WorkOrderRecordView>> workOrderRecords(@QueryParam("tenant") String tenant,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("by") String by,
            @QueryParam("key") String key, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        RecordQuery q = recordQuery(tenant, from, to, by, KpiQueries.ORDER_DIMENSIONS.keySet(), page, size);
        return records.workOrders(q.tenant(), q.from(), q.to(), q.dimension(), key, page, size)
                .map(r -> new RecordPage<>(
                        r.getItem1().stream().map(WorkOrderRecordView::of).toList(), r.getItem2(), page, size));
    }

    @GET
    @Path("/evaluations/records")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The evaluations behind an evaluation figure (the latest round of each order)")
    public Uni<RecordPage<EvaluationRecordView>> evaluationRecords(@QueryParam("tenant") String tenant,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("by") String by,
            @QueryParam("key") String key, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        RecordQuery q = recordQuery(tenant, from, to, by, KpiQueries.EVALUATION_DIMENSIONS.keySet(), page, size);
        return records.evaluations(q.tenant(), q.from(), q.to(), q.dimension(), key, page, size)
                .map(r -> new RecordPage<>(
                        r.getItem1().stream().map(EvaluationRecordView::of).toList(), r.getItem2(), page, size));
    }

    @GET
    @Path("/surveys/records")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The survey answers behind a 满意度评分 figure of /kpis/calls (same tenant, range, by and key)")
    public Uni<RecordPage<SurveyRecordView>> surveyRecords(@QueryParam("tenant") String tenant,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("by") String by,
            @QueryParam("key") String key, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        RecordQuery q = recordQuery(tenant, from, to, by, KpiQueries.CALL_DIMENSIONS.keySet(), page, size);
        return records.surveys(q.tenant(), q.from(), q.to(), q.dimension(), key, page, size)
                .map(r -> new RecordPage<>(
                        r.getItem1().stream().map(SurveyRecordView::of).toList(), r.getItem2(), page, size));
    }

    @GET
    @Path("/answer-reviews/records")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The quality reviews behind a 解答准确率 figure of /kpis/calls (same tenant, range, by and key)")
    public Uni<RecordPage<AnswerReviewRecordView>> answerReviewRecords(@QueryParam("tenant") String tenant,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("by") String by,
            @QueryParam("key") String key, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        RecordQuery q = recordQuery(tenant, from, to, by, KpiQueries.CALL_DIMENSIONS.keySet(), page, size);
        return records.answerReviews(q.tenant(), q.from(), q.to(), q.dimension(), key, page, size)
                .map(r -> new RecordPage<>(r.getItem1().stream().map(AnswerReviewRecordView::of).toList(),
                        r.getItem2(), page, size));
    }

    /** A drill-down's checked scope, range and dimension (one of the figure's {@code dimensions}). */
    private record RecordQuery(String tenant, Instant from, Instant to, String dimension) {
    }

    private RecordQuery recordQuery(String tenant, String from, String to, String by,
            java.util.Set<String> dimensions, int page, int size) {
        String t = scope.readScope(tenant);
        Instant f = KpiParams.instant("from", from, null);
        Instant u = KpiParams.instant("to", to, null);
        KpiParams.range(f, u, Period.DAY);
        String d = KpiParams.dimension(by, dimensions, "TENANT");
        paging(page, size);
        return new RecordQuery(t, f, u, d);
    }

    private static void paging(int page, int size) {
        if (page < 0) {
            throw ProblemException.invalidField("page", "page starts at 0.");
        }
        if (size < 1 || size > 500) {
            throw ProblemException.invalidField("size", "size is 1 to 500.");
        }
    }

    private static Response csv(String body) {
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"kpis.csv\"").build();
    }

    private static String s(Instant i) {
        return i == null ? null : i.toString();
    }
}
