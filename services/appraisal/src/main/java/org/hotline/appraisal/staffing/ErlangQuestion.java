package org.hotline.appraisal.staffing;

/**
 * A staffing question for one interval: traffic, handle time, the service-level target and the optional limits.
 *
 * @param calls arrivals in the interval
 * @param intervalSeconds length of the interval
 * @param handleSeconds average handle time (talk + wrap-up)
 * @param answerWithinSeconds T of "X % answered within T"
 * @param targetServiceLevel X as a fraction, e.g. 0.8
 * @param maxOccupancy highest accepted occupancy (fraction), or null for no limit
 * @param shrinkage share of paid time agents are not available (breaks, training), 0 for none
 * @param patienceSeconds callers' mean patience (Erlang A), or null for infinitely patient callers (Erlang C)
 */
public record ErlangQuestion(double calls, double intervalSeconds, double handleSeconds, double answerWithinSeconds,
        double targetServiceLevel, Double maxOccupancy, double shrinkage, Double patienceSeconds) {

    /** Offered load in Erlangs: arrival rate times handle time. */
    public double erlangs() {
        return calls / intervalSeconds * handleSeconds;
    }

    /** Arrivals per second. */
    public double arrivalRate() {
        return calls / intervalSeconds;
    }
}
