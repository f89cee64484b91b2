package org.hotline.appraisal.staffing;

/**
 * Agents needed for a service-level target and a maximum occupancy, by Erlang C or (with a patience) Erlang A:
 * the smallest number of agents that meets both, and the agents to schedule once shrinkage is added.
 */
public final class Staffing {

    /** Beyond this many agents a question is treated as impossible rather than searched for ever. */
    public static final int MAX_AGENTS = 100_000;

    private Staffing() {
    }

    /** Agents to schedule so that {@code agents} are on the phones after shrinkage. */
    public static int scheduled(int agents, double shrinkage) {
        // A tiny tolerance keeps 14 / (1 - 0.3) = 20.000000000000004 at 20.
        return (int) Math.ceil(agents / (1 - shrinkage) - 1e-9);
    }

    /** The smallest staffing that meets the target; IllegalArgumentException when none can. */
    public static ErlangAnswer solve(ErlangQuestion q) {
        double a = q.erlangs();
        if (a <= 0) {
            return evaluate(q, 0);
        }
        int lower = (int) Math.floor(a) + 1;
        if (q.maxOccupancy() != null) {
            lower = Math.max(lower, (int) Math.ceil(a / q.maxOccupancy() - 1e-9));
        }
        // Erlang C: the service level rises with agents, so step up from the lower bound until it is met.
        int erlangC = -1;
        double b = ErlangC.erlangB(lower - 1, a);
        for (int n = lower; n <= MAX_AGENTS; n++) {
            b = a * b / (n + a * b); // Erlang B of n agents from that of n - 1: one step per candidate
            double pw = n * b / (n - a * (1 - b));
            double sl = 1 - pw * Math.exp(-(n - a) * q.answerWithinSeconds() / q.handleSeconds());
            if (sl >= q.targetServiceLevel() && (q.maxOccupancy() == null || a / n <= q.maxOccupancy() + 1e-12)) {
                erlangC = n;
                break;
            }
        }
        if (erlangC < 0) {
            throw new IllegalArgumentException("No staffing up to " + MAX_AGENTS + " agents meets the target.");
        }
        if (q.patienceSeconds() == null) {
            return ErlangC.evaluate(q, erlangC);
        }
        // Erlang A: hang-ups shorten the queue, so its service level is at least Erlang C's and its occupancy at most;
        // Erlang C's answer is an upper bound and the smallest sufficient number is found by bisection.
        int lo = 1;
        int hi = erlangC;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (meets(q, ErlangA.evaluate(q, mid))) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return ErlangA.evaluate(q, hi);
    }

    private static boolean meets(ErlangQuestion q, ErlangAnswer answer) {
        boolean occupancyOk = q.maxOccupancy() == null || answer.occupancy() <= q.maxOccupancy() + 1e-12;
        return answer.serviceLevel() >= q.targetServiceLevel() && occupancyOk;
    }

    /** The figures a given number of agents achieves. */
    public static ErlangAnswer evaluate(ErlangQuestion q, int agents) {
        return q.patienceSeconds() == null ? ErlangC.evaluate(q, agents) : ErlangA.evaluate(q, agents);
    }
}
