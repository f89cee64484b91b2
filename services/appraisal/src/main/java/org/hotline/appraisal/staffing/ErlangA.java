package org.hotline.appraisal.staffing;

/**
 * Erlang A (M/M/N+M, Palm's model): callers hang up after an exponentially distributed patience with the given
 * mean. Solved exactly on the birth-death chain of calls in the system (truncated where the remaining probability is
 * below 1e-15), with the time a tagged caller would wait integrated numerically.
 *
 * <p>Definitions: probability of waiting = P(all agents busy on arrival); service level = P(answered within T) =
 * answered within T / offered, so a caller who hangs up counts against it (the conservative variant: hang-ups are not
 * allowed to buy the target); average speed of answer = mean time in queue over all callers (answered or not);
 * probability of abandoning = abandonment rate / arrival rate (θ·E[queue] / λ); occupancy = answered load / agents.
 * With infinite patience every figure equals Erlang C's.
 */
public final class ErlangA {

    private static final double LOG_CUTOFF = Math.log(1e-15);

    private ErlangA() {
    }

    /** The figures {@code agents} achieve for the question, whose {@code patienceSeconds} must be set. */
    public static ErlangAnswer evaluate(ErlangQuestion q, int agents) {
        double lambda = q.arrivalRate();
        double mu = 1 / q.handleSeconds();
        double theta = 1 / q.patienceSeconds();
        if (lambda <= 0) {
            return new ErlangAnswer("ERLANG_A", agents, Staffing.scheduled(agents, q.shrinkage()), 0, 0, 1, 0, 0, 0.0);
        }
        double[] p = stationary(lambda, mu, theta, agents);
        if (p == null) {
            // So many callers queue before hang-ups balance arrivals that the agents are simply swamped.
            return new ErlangAnswer("ERLANG_A", agents, Staffing.scheduled(agents, q.shrinkage()), q.erlangs(), 1, 0,
                    Double.POSITIVE_INFINITY, 1, 1.0);
        }
        double waiting = 0;
        double queue = 0;
        for (int k = agents; k < p.length; k++) {
            waiting += p[k];
            queue += (k - agents) * p[k];
        }
        double abandoning = theta * queue / lambda;
        double asa = queue / lambda;
        double sl = answeredWithin(p, agents, mu, theta, q.answerWithinSeconds());
        double occupancy = agents == 0 ? 1 : lambda * (1 - abandoning) / mu / agents;
        return new ErlangAnswer("ERLANG_A", agents, Staffing.scheduled(agents, q.shrinkage()), q.erlangs(), waiting,
                sl, asa, occupancy, abandoning);
    }

    /** Most calls in the system considered; a chain that needs more is swamped (see {@link #evaluate}). */
    static final int MAX_STATES = 50_000;

    /**
     * Stationary probabilities of 0, 1, 2, ... calls in the system, computed in logs to avoid overflow; null when
     * more than {@link #MAX_STATES} states carry probability (agents far below the load, callers very patient).
     */
    static double[] stationary(double lambda, double mu, double theta, int agents) {
        int capacity = 1024;
        double[] log = new double[capacity];
        log[0] = 0;
        double max = 0;
        int k = 0;
        while (true) {
            k++;
            double death = Math.min(k, agents) * mu + Math.max(0, k - agents) * theta;
            if (k >= log.length) {
                log = java.util.Arrays.copyOf(log, log.length * 2);
            }
            log[k] = log[k - 1] + Math.log(lambda / death);
            max = Math.max(max, log[k]);
            // Past the mode the terms only fall; stop once they are negligible against the largest.
            if (death > lambda && log[k] - max < LOG_CUTOFF) {
                break;
            }
            if (k > MAX_STATES) {
                return null;
            }
        }
        double[] p = new double[k + 1];
        double sum = 0;
        for (int i = 0; i <= k; i++) {
            p[i] = Math.exp(log[i] - max);
            sum += p[i];
        }
        for (int i = 0; i <= k; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /**
     * P(a caller is answered within T). Callers arriving to fewer than N calls are answered at once; one arriving to
     * k >= N calls is at queue position j = k - N + 1, moves up at rate N·mu + (j - 1)·theta (an answer or a hang-up
     * ahead) and hangs up itself at rate theta; the mass at each position is integrated with classical Runge-Kutta
     * and the answered flux N·mu·q(1) accumulated up to T.
     */
    static double answeredWithin(double[] p, int agents, double mu, double theta, double t) {
        double answered = 0;
        for (int k = 0; k < Math.min(agents, p.length); k++) {
            answered += p[k];
        }
        int positions = p.length - agents;
        if (positions <= 0 || t <= 0) {
            return answered;
        }
        double[] q = new double[positions + 1];
        for (int j = 1; j <= positions; j++) {
            q[j] = p[agents + j - 1];
        }
        double maxRate = agents * mu + (positions + 1) * theta;
        int steps = (int) Math.max(50, Math.ceil(t * maxRate / 0.1));
        double h = t / steps;
        double[] k1 = new double[positions + 1];
        double[] k2 = new double[positions + 1];
        double[] k3 = new double[positions + 1];
        double[] k4 = new double[positions + 1];
        double[] tmp = new double[positions + 1];
        double flux = agents * mu;
        for (int s = 0; s < steps; s++) {
            derivative(q, k1, agents, mu, theta);
            double f1 = flux * q[1];
            for (int j = 1; j <= positions; j++) {
                tmp[j] = q[j] + h / 2 * k1[j];
            }
            derivative(tmp, k2, agents, mu, theta);
            double f2 = flux * tmp[1];
            for (int j = 1; j <= positions; j++) {
                tmp[j] = q[j] + h / 2 * k2[j];
            }
            derivative(tmp, k3, agents, mu, theta);
            double f3 = flux * tmp[1];
            for (int j = 1; j <= positions; j++) {
                tmp[j] = q[j] + h * k3[j];
            }
            derivative(tmp, k4, agents, mu, theta);
            double f4 = flux * tmp[1];
            answered += h / 6 * (f1 + 2 * f2 + 2 * f3 + f4);
            for (int j = 1; j <= positions; j++) {
                q[j] += h / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
            }
        }
        return Math.min(1, answered);
    }

    private static void derivative(double[] q, double[] dq, int agents, double mu, double theta) {
        int n = q.length - 1;
        for (int j = 1; j <= n; j++) {
            double out = agents * mu + j * theta; // moves up (N·mu + (j-1)·theta) or hangs up itself (theta)
            double in = j < n ? (agents * mu + j * theta) * q[j + 1] : 0;
            dq[j] = -out * q[j] + in;
        }
    }
}
