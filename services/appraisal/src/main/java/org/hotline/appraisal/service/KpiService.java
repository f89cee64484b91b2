package org.hotline.appraisal.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hotline.appraisal.domain.KpiSettings;
import org.hotline.appraisal.domain.Period;
import org.hotline.appraisal.repository.AgentKpiQueries;
import org.hotline.appraisal.repository.KpiQueries;
import org.hotline.appraisal.service.KpiFigures.CallCounts;

/** Both tracks of KPIs (calls and agents; work orders and units) from raw counts, under a tenant's settings. */
@ApplicationScoped
public class KpiService {

    /**
     * Agent-track counts per row: FCR eligible, resolved; on-duty, occupied seconds; follow-ups due, on time; surveys,
     * 满意, 基本满意, 不满意, score sum; answers reviewed, accurate.
     */
    private static final int AGENT_TRACK = 13;

    private final KpiQueries queries;
    private final AgentKpiQueries agentQueries;
    private final KpiSettingsService settings;

    public KpiService(KpiQueries queries, AgentKpiQueries agentQueries, KpiSettingsService settings) {
        this.queries = queries;
        this.agentQueries = agentQueries;
        this.settings = settings;
    }

    /** One row of call KPIs. */
    public record CallRow(String periodStart, String key, long offered, long answered, long abandoned,
            long shortAbandons, long answeredWithinT, long abandonedWithinT, long callbacksOffered, long callbacksKept,
            Double answerRate, Double serviceLevel, Double averageSpeedOfAnswerSeconds, Double averageHandleSeconds,
            Double abandonmentRate, Double callbackKeptRate, long fcrEligible, long fcrResolved,
            Double firstContactResolution, double onDutySeconds, double occupiedSeconds, Double occupancy,
            long followUpsDue, long followUpsOnTime, Double followUpOnTimeRate, long surveys, long surveysSatisfied,
            long surveysBasicallySatisfied, long surveysUnsatisfied, Double satisfactionScore,
            Double surveySatisfactionRate, long answersReviewed, long answersAccurate, Double answerAccuracy) {
    }

    /** One row of work-order KPIs. */
    public record WorkOrderRow(String periodStart, String key, long received, long replied, long repliedOnTime,
            long repliedLate, long openPastDeadline, Double onTimeRate, long callbacksRated, long satisfied,
            Double resolutionRate, long evaluations, Double attitudeScore, long returnsRequested, long improperReturns,
            Double returnsPerHundredOrders, long reopened, Double reopenRate, long supervised, long pooled,
            long claimed, Double claimTakeUp) {
    }

    /** One row of evaluation KPIs. */
    public record EvaluationRow(String periodStart, String key, long evaluations, long complainantSatisfied,
            Double satisfactionRate, long evaluatorSatisfied, long disputes, Double disputeRate, long lateEvaluations,
            long reworkRequested, long supervisionRequested, long auditCalls, long auditPassed, Double auditPassRate,
            long deadNumbers) {
    }

    /** The figures with the settings they used. */
    public record Figures<T>(String tenant, String from, String to, String period, String by, int settingsVersion,
            int serviceLevelSeconds, String abandonTreatment, int shortAbandonSeconds, String asOf, List<T> rows) {
    }

    public Uni<Figures<CallRow>> calls(String tenant, Instant from, Instant to, Period period, String by,
            Integer version) {
        return calls(tenant, from, to, period, by, Instant.now(), version);
    }

    /** Call and agent KPIs; callbacks (回访) not yet done count as due once their due time is before {@code asOf}. */
    public Uni<Figures<CallRow>> calls(String tenant, Instant from, Instant to, Period period, String by,
            Instant asOf, Integer version) {
        return settings.current(tenant, version).chain(s -> queries
                .calls(tenant, from, to, period, by, s.serviceLevelSeconds, s.shortAbandonSeconds)
                .chain(calls -> agentQueries.firstContacts(tenant, from, to, period, by,
                        java.time.Duration.ofDays(s.fcrRepeatDays))
                .chain(fcr -> agentQueries.agentTime(tenant, from, to, period, by)
                .chain(time -> agentQueries.followUps(tenant, from, to, period, by, asOf)
                .chain(followUps -> agentQueries.surveys(tenant, from, to, period, by)
                .chain(surveys -> agentQueries.answerReviews(tenant, from, to, period, by)
                .chain(reviews -> queries.callbacks(tenant, from, to, period, by).map(cbs -> {
                    Map<List<String>, double[]> agentTrack = new TreeMap<>(KpiService::compare);
                    for (Object[] r : fcr) {
                        double[] v = agentTrack.computeIfAbsent(List.of(instant(r[0]), (String) r[1]), x -> new double[AGENT_TRACK]);
                        v[0] = d(r[2]);
                        v[1] = d(r[3]);
                    }
                    for (Object[] r : time) {
                        double[] v = agentTrack.computeIfAbsent(List.of(instant(r[0]), (String) r[1]), x -> new double[AGENT_TRACK]);
                        v[2] = d(r[2]);
                        v[3] = d(r[3]);
                    }
                    for (Object[] r : followUps) {
                        double[] v = agentTrack.computeIfAbsent(List.of(instant(r[0]), (String) r[1]), x -> new double[AGENT_TRACK]);
                        v[4] = d(r[2]);
                        v[5] = d(r[3]);
                    }
                    for (Object[] r : surveys) {
                        double[] v = agentTrack.computeIfAbsent(List.of(instant(r[0]), (String) r[1]), x -> new double[AGENT_TRACK]);
                        for (int i = 0; i < 5; i++) {
                            v[6 + i] = d(r[2 + i]);
                        }
                    }
                    for (Object[] r : reviews) {
                        double[] v = agentTrack.computeIfAbsent(List.of(instant(r[0]), (String) r[1]), x -> new double[AGENT_TRACK]);
                        v[11] = d(r[2]);
                        v[12] = d(r[3]);
                    }
                    Map<List<String>, long[]> callbacks = new TreeMap<>(KpiService::compare);
                    for (Object[] r : cbs) {
                        callbacks.put(List.of(instant(r[0]), (String) r[1]), new long[] { n(r[2]), n(r[3]) });
                    }
                    Map<List<String>, CallCounts> rows = new TreeMap<>(KpiService::compare);
                    for (Object[] r : calls) {
                        List<String> key = List.of(instant(r[0]), (String) r[1]);
                        long[] cb = callbacks.getOrDefault(key, new long[2]);
                        rows.put(key, new CallCounts(n(r[2]), n(r[3]), n(r[4]), n(r[5]), n(r[6]), d(r[7]), d(r[8]),
                                n(r[9]), cb[0], cb[1]));
                    }
                    callbacks.forEach((key, cb) -> rows.putIfAbsent(key,
                            new CallCounts(0, 0, 0, 0, 0, 0, 0, 0, cb[0], cb[1])));
                    agentTrack.forEach((key, v) -> rows.putIfAbsent(key,
                            new CallCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
                    List<CallRow> out = new ArrayList<>();
                    rows.forEach((key, c) -> {
                        double[] a = agentTrack.getOrDefault(key, new double[AGENT_TRACK]);
                        out.add(new CallRow(key.get(0), key.get(1), c.offered(), c.answered(),
                            c.abandoned(), c.shortAbandons(), c.answeredWithin(), c.abandonedWithin(),
                            c.callbacksOffered(), c.callbacksKept(), KpiFigures.ratio(c.answered(), c.offered()),
                            KpiFigures.serviceLevel(c, s.abandonTreatment),
                            KpiFigures.ratio(c.waitSecondsSum(), c.answered()),
                            KpiFigures.ratio(c.handleSecondsSum(), c.handled()),
                            KpiFigures.ratio(c.abandoned(), c.offered()),
                            KpiFigures.ratio(c.callbacksKept(), c.callbacksOffered()),
                            (long) a[0], (long) a[1], KpiFigures.ratio(a[1], a[0]),
                            KpiFigures.round3(a[2]), KpiFigures.round3(a[3]), KpiFigures.ratio(a[3], a[2]),
                            (long) a[4], (long) a[5], KpiFigures.ratio(a[5], a[4]),
                            (long) a[6], (long) a[7], (long) a[8], (long) a[9], KpiFigures.ratio(a[10], a[6]),
                            KpiFigures.ratio(a[7] + a[8], a[6]), (long) a[11], (long) a[12],
                            KpiFigures.ratio(a[12], a[11])));
                    });
                    return new Figures<>(tenant == null ? "*" : tenant, from.toString(), to.toString(), period.name(),
                            by, s.version, s.serviceLevelSeconds, s.abandonTreatment, s.shortAbandonSeconds,
                            asOf.toString(), out);
                }))))))));
    }

    public Uni<Figures<WorkOrderRow>> workOrders(String tenant, Instant from, Instant to, Period period, String by,
            Instant asOf, Integer version) {
        return settings.current(tenant, version).chain(s -> queries.workOrders(tenant, from, to, period, by, asOf)
                .chain(orders -> queries.returns(tenant, from, to, period, by).map(rets -> {
                    Map<List<String>, long[]> returns = new TreeMap<>(KpiService::compare);
                    for (Object[] r : rets) {
                        returns.put(List.of(instant(r[0]), (String) r[1]), new long[] { n(r[2]), n(r[3]) });
                    }
                    Map<List<String>, long[]> rows = new TreeMap<>(KpiService::compare);
                    for (Object[] r : orders) {
                        long[] v = new long[16];
                        for (int i = 0; i < 14; i++) {
                            v[i] = n(r[i + 2]);
                        }
                        rows.put(List.of(instant(r[0]), (String) r[1]), v);
                    }
                    returns.forEach((key, rv) -> {
                        long[] v = rows.computeIfAbsent(key, x -> new long[16]);
                        v[14] = rv[0];
                        v[15] = rv[1];
                    });
                    List<WorkOrderRow> out = new ArrayList<>();
                    rows.forEach((key, v) -> out.add(new WorkOrderRow(key.get(0), key.get(1), v[0], v[1], v[2], v[3],
                            v[4], KpiFigures.ratio(v[2], v[2] + v[3] + v[4]), v[5], v[6], KpiFigures.ratio(v[6], v[5]),
                            v[11], KpiFigures.ratio(v[12], v[11]), v[14], v[15],
                            KpiFigures.ratio(100.0 * v[14], v[0]), v[7], KpiFigures.ratio(v[7], v[13]), v[8],
                            v[9], v[10], KpiFigures.ratio(v[10], v[9]))));
                    return new Figures<>(tenant == null ? "*" : tenant, from.toString(), to.toString(), period.name(),
                            by, s.version, s.serviceLevelSeconds, s.abandonTreatment, s.shortAbandonSeconds,
                            asOf.toString(), out);
                })));
    }

    public Uni<Figures<EvaluationRow>> evaluations(String tenant, Instant from, Instant to, Period period, String by,
            Integer version) {
        return settings.current(tenant, version).chain(s -> queries.evaluations(tenant, from, to, period, by)
                .map(rows -> {
                    List<EvaluationRow> out = new ArrayList<>();
                    for (Object[] r : rows) {
                        long[] v = new long[10];
                        for (int i = 0; i < 10; i++) {
                            v[i] = n(r[i + 2]);
                        }
                        out.add(new EvaluationRow(instant(r[0]), (String) r[1], v[0], v[1], KpiFigures.ratio(v[1], v[0]),
                                v[2], v[3], KpiFigures.ratio(v[3], v[0]), v[4], v[5], v[6], v[7], v[8],
                                KpiFigures.ratio(v[8], v[7]), v[9]));
                    }
                    return new Figures<>(tenant == null ? "*" : tenant, from.toString(), to.toString(), period.name(),
                            by, s.version, s.serviceLevelSeconds, s.abandonTreatment, s.shortAbandonSeconds, null, out);
                }));
    }

    /** The settings a figure uses (for scorecards). */
    public Uni<KpiSettings> settingsOf(String tenant, Integer version) {
        return settings.current(tenant, version);
    }

    private static int compare(List<String> a, List<String> b) {
        int c = a.get(0).compareTo(b.get(0));
        return c != 0 ? c : a.get(1).compareTo(b.get(1));
    }

    public static String instant(Object o) {
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant().toString();
        }
        if (o instanceof Instant i) {
            return i.toString();
        }
        if (o instanceof java.time.LocalDateTime ldt) {
            return ldt.toInstant(java.time.ZoneOffset.UTC).toString();
        }
        return String.valueOf(o);
    }

    private static long n(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static double d(Object o) {
        return o == null ? 0 : ((Number) o).doubleValue();
    }
}
