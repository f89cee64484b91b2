package org.hotline.appraisal.staffing;

/**
 * Erlang C (M/M/N, callers wait forever): probability of waiting, service level, speed of answer and occupancy.
 * Uses the Erlang B recursion, which stays finite for any load (no factorials, no powers).
 */
public final class ErlangC {

    private ErlangC() {
    }

    /** Erlang B blocking probability for {@code agents} servers and {@code erlangs} offered load. */
    public static double erlangB(int agents, double erlangs) {
        double b = 1.0;
        for (int n = 1; n <= agents; n++) {
            b = erlangs * b / (n + erlangs * b);
        }
        return b;
    }

    /** Probability that a caller waits; 1 when the agents cannot carry the load. */
    public static double probabilityOfWaiting(int agents, double erlangs) {
        if (erlangs <= 0) {
            return 0;
        }
        if (agents <= erlangs) {
            return 1;
        }
        double b = erlangB(agents, erlangs);
        return agents * b / (agents - erlangs * (1 - b));
    }

    /** The figures {@code agents} achieve for the question (agents and scheduled agents as given). */
    public static ErlangAnswer evaluate(ErlangQuestion q, int agents) {
        double a = q.erlangs();
        if (a <= 0) {
            return new ErlangAnswer("ERLANG_C", agents, Staffing.scheduled(agents, q.shrinkage()), 0, 0, 1, 0, 0, null);
        }
        if (agents <= a) {
            return new ErlangAnswer("ERLANG_C", agents, Staffing.scheduled(agents, q.shrinkage()), a, 1, 0,
                    Double.POSITIVE_INFINITY, 1, null);
        }
        double pw = probabilityOfWaiting(agents, a);
        double sl = 1 - pw * Math.exp(-(agents - a) * q.answerWithinSeconds() / q.handleSeconds());
        double asa = pw * q.handleSeconds() / (agents - a);
        return new ErlangAnswer("ERLANG_C", agents, Staffing.scheduled(agents, q.shrinkage()), a, pw, sl, asa,
                a / agents, null);
    }
}
