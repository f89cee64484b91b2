package org.hotline.appraisal.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hotline.appraisal.staffing.ErlangAnswer;
import org.hotline.appraisal.staffing.ErlangQuestion;
import org.hotline.appraisal.staffing.Staffing;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;

/** What-if staffing for planners: agents needed for a load and a target, by Erlang C or (with patience) Erlang A. */
@Path("/api/v1/staffing/erlang")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.LEADER, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.SERVICE })
public class ErlangResource {

    /** The answer, probabilities to 4 decimals and seconds to 2; {@code probabilityOfAbandoning} only for Erlang A. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErlangView(String model, int agents, int scheduledAgents, double erlangs,
            double probabilityOfWaiting, double serviceLevel, double averageSpeedOfAnswerSeconds, double occupancy,
            Double probabilityOfAbandoning) {

        static ErlangView of(ErlangAnswer a) {
            return new ErlangView(a.model(), a.agents(), a.scheduledAgents(), round(a.erlangs(), 4),
                    round(a.probabilityOfWaiting(), 4), round(a.serviceLevel(), 4),
                    round(a.averageSpeedOfAnswerSeconds(), 2), round(a.occupancy(), 4),
                    a.probabilityOfAbandoning() == null ? null : round(a.probabilityOfAbandoning(), 4));
        }

        private static double round(double v, int decimals) {
            return java.math.BigDecimal.valueOf(v).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue();
        }
    }

    @GET
    @Operation(summary = "Agents needed for a load and a service-level target (Erlang C, or Erlang A with patience)",
            description = "Example: calls=100&intervalMinutes=30&handleSeconds=180&answerWithinSeconds=20"
                    + "&targetServiceLevel=0.8 answers 14 agents, probabilityOfWaiting 0.1741, ASA 7.84 s, occupancy "
                    + "0.7143; with maxOccupancy=0.7, 15 agents. An impossible or malformed question is a 400 problem.")
    public ErlangView erlang(
            @Parameter(description = "Arrivals in the interval", example = "100") @QueryParam("calls") String calls,
            @Parameter(description = "Interval length, default 30", example = "30")
            @QueryParam("intervalMinutes") String intervalMinutes,
            @Parameter(description = "Average handle time", example = "180") @QueryParam("handleSeconds") String handle,
            @Parameter(description = "T of X % within T, default 20", example = "20")
            @QueryParam("answerWithinSeconds") String within,
            @Parameter(description = "X as a fraction, default 0.8", example = "0.8")
            @QueryParam("targetServiceLevel") String target,
            @Parameter(description = "Highest occupancy, a fraction", example = "0.85")
            @QueryParam("maxOccupancy") String maxOccupancy,
            @Parameter(description = "Share of paid time not on the phones, default 0", example = "0.3")
            @QueryParam("shrinkage") String shrinkage,
            @Parameter(description = "Callers' mean patience; present: Erlang A", example = "120")
            @QueryParam("patienceSeconds") String patience) {
        double c = number("calls", calls, null);
        double interval = number("intervalMinutes", intervalMinutes, 30.0);
        double h = number("handleSeconds", handle, null);
        double t = number("answerWithinSeconds", within, 20.0);
        double sl = number("targetServiceLevel", target, 0.8);
        Double occupancy = maxOccupancy == null || maxOccupancy.isBlank() ? null
                : number("maxOccupancy", maxOccupancy, null);
        double s = number("shrinkage", shrinkage, 0.0);
        Double p = patience == null || patience.isBlank() ? null : number("patienceSeconds", patience, null);
        if (c < 0) {
            throw ProblemException.invalidField("calls", "calls is 0 or more.");
        }
        if (interval <= 0 || interval > 1440) {
            throw ProblemException.invalidField("intervalMinutes", "intervalMinutes is more than 0 and at most 1440.");
        }
        if (h <= 0 || h > 86_400) {
            throw ProblemException.invalidField("handleSeconds", "handleSeconds is more than 0 and at most 86400.");
        }
        if (t < 0 || t > 86_400) {
            throw ProblemException.invalidField("answerWithinSeconds", "answerWithinSeconds is 0 to 86400.");
        }
        if (sl <= 0 || sl >= 1) {
            throw ProblemException.invalidField("targetServiceLevel",
                    "targetServiceLevel is a fraction above 0 and below 1 (0.8 for 80 %); 100 % can never be promised.");
        }
        if (occupancy != null && (occupancy <= 0 || occupancy > 1)) {
            throw ProblemException.invalidField("maxOccupancy", "maxOccupancy is a fraction above 0 and at most 1.");
        }
        if (s < 0 || s >= 1) {
            throw ProblemException.invalidField("shrinkage", "shrinkage is a fraction from 0 up to (not including) 1.");
        }
        if (p != null && (p <= 0 || p > 86_400)) {
            throw ProblemException.invalidField("patienceSeconds", "patienceSeconds is more than 0 and at most 86400.");
        }
        ErlangQuestion question = new ErlangQuestion(c, interval * 60, h, t, sl, occupancy, s, p);
        double limit = p == null ? 20_000 : 2_000;
        if (question.erlangs() > limit) {
            throw ProblemException.badRequest("staffing-impossible", "The load is " + Math.round(question.erlangs())
                    + " Erlangs; ask per queue, at most " + (int) limit + (p == null ? "" : " with Erlang A") + ".");
        }
        try {
            return ErlangView.of(Staffing.solve(question));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("staffing-impossible", e.getMessage());
        }
    }

    private static double number(String field, String value, Double fallback) {
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw ProblemException.invalidField(field, field + " is required.");
            }
            return fallback;
        }
        try {
            double d = Double.parseDouble(value.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(field, field + " must be a finite number.");
        }
    }
}
