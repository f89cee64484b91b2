package org.hotline.appraisal.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hotline.appraisal.repository.StaffingQueries;
import org.hotline.appraisal.staffing.ErlangAnswer;
import org.hotline.appraisal.staffing.ErlangQuestion;
import org.hotline.appraisal.staffing.Staffing;

/**
 * Staffing per queue and half-hour from the measured arrivals, handle times and patience, and a forecast of a day
 * from the same weekday and half-hour of the previous weeks.
 */
@ApplicationScoped
public class StaffingService {

    private final StaffingQueries queries;

    public StaffingService(StaffingQueries queries) {
        this.queries = queries;
    }

    /** The target the agents are computed for. */
    public record Target(double answerWithinSeconds, double targetServiceLevel, Double maxOccupancy, double shrinkage) {
    }

    /** One half-hour: what was measured (or forecast) and the agents it needs by Erlang C and by Erlang A. */
    public record Interval(String start, double calls, Double averageHandleSeconds, Double patienceSeconds,
            Integer agentsErlangC, Integer agentsErlangA, Integer scheduledAgents) {
    }

    /** Measured half-hours of [from, to). */
    public Uni<List<Interval>> measured(String tenant, String queue, Instant from, Instant to, Target target) {
        return queries.halfHours(tenant, queue, from, to).map(rows -> {
            List<Interval> out = new ArrayList<>();
            for (Object[] r : rows) {
                out.add(interval(KpiService.instant(r[0]), n(r[1]), n(r[2]), n(r[3]), n(r[4]), n(r[5]), target));
            }
            return out;
        });
    }

    /**
     * Forecast of the 48 half-hours of the day starting at {@code dayStart}: for each, the mean arrivals of the same
     * half-hour on the same weekday of the previous {@code weeks} weeks (weeks without calls count as 0), handle time
     * and patience pooled over those weeks.
     */
    public Uni<List<Interval>> forecast(String tenant, String queue, Instant dayStart, int weeks, Target target) {
        Instant from = dayStart.minus(Duration.ofDays(7L * weeks));
        return queries.halfHours(tenant, queue, from, dayStart).map(rows -> {
            Map<Long, double[]> bySlot = new HashMap<>();
            for (Object[] r : rows) {
                Instant start = Instant.parse(KpiService.instant(r[0]));
                long sinceDay = Duration.between(dayStart, start).toMinutes();
                long offset = Math.floorMod(sinceDay, 7L * 24 * 60);
                if (offset >= 24 * 60) {
                    continue; // another weekday
                }
                double[] a = bySlot.computeIfAbsent(offset, k -> new double[5]);
                for (int i = 0; i < 5; i++) {
                    a[i] += n(r[i + 1]);
                }
            }
            List<Interval> out = new ArrayList<>();
            for (long slot = 0; slot < 24 * 60; slot += 30) {
                double[] a = bySlot.getOrDefault(slot, new double[5]);
                Interval i = interval(dayStart.plus(Duration.ofMinutes(slot)).toString(), a[0] / weeks, a[1], a[2],
                        a[3], a[4], target);
                out.add(i);
            }
            return out;
        });
    }

    private static Interval interval(String start, double calls, double handled, double handleSum, double abandons,
            double waitSum, Target target) {
        Double aht = handled == 0 ? null : handleSum / handled;
        // Exponential patience, censored by answers: total time callers were willing to wait / hang-ups (MLE).
        Double patience = abandons == 0 ? null : Math.max(1, waitSum / abandons);
        if (aht == null || calls == 0) {
            return new Interval(start, calls, aht, patience, calls == 0 ? 0 : null, calls == 0 ? 0 : null,
                    calls == 0 ? 0 : null);
        }
        ErlangQuestion c = new ErlangQuestion(calls, 1800, aht, target.answerWithinSeconds(),
                target.targetServiceLevel(), target.maxOccupancy(), target.shrinkage(), null);
        ErlangAnswer byC = Staffing.solve(c);
        Integer byA = null;
        int scheduled = byC.scheduledAgents();
        if (patience != null && c.erlangs() <= 2_000) {
            ErlangAnswer a = Staffing.solve(new ErlangQuestion(calls, 1800, aht, target.answerWithinSeconds(),
                    target.targetServiceLevel(), target.maxOccupancy(), target.shrinkage(), patience));
            byA = a.agents();
            scheduled = a.scheduledAgents();
        }
        return new Interval(start, Math.round(calls * 1000) / 1000.0, round(aht), patience == null ? null : round(patience),
                byC.agents(), byA, scheduled);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double n(Object o) {
        return o == null ? 0 : ((Number) o).doubleValue();
    }
}
