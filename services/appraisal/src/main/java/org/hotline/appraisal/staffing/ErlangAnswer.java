package org.hotline.appraisal.staffing;

/**
 * What a number of agents achieves for one {@link ErlangQuestion}.
 *
 * @param model "ERLANG_C" or "ERLANG_A"
 * @param agents agents needed on the phones
 * @param scheduledAgents agents to schedule once shrinkage is accounted for
 * @param erlangs offered load
 * @param probabilityOfWaiting share of callers who wait at all
 * @param serviceLevel share of callers answered within T (Erlang A: see {@link ErlangA})
 * @param averageSpeedOfAnswerSeconds mean time in queue over all callers
 * @param occupancy share of the agents' time spent handling calls
 * @param probabilityOfAbandoning share of callers who hang up while waiting (Erlang A), null for Erlang C
 */
public record ErlangAnswer(String model, int agents, int scheduledAgents, double erlangs, double probabilityOfWaiting,
        double serviceLevel, double averageSpeedOfAnswerSeconds, double occupancy, Double probabilityOfAbandoning) {
}
