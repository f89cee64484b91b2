package org.hotline.bench;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.util.function.Function;

/** The settings of one benchmark run, from system properties set by {@code scripts/bench.sh}. */
final class BenchSettings {

    private BenchSettings() {
    }

    static String url(String service, String fallback) {
        return System.getProperty("bench." + service, fallback);
    }

    static String token() {
        String token = System.getProperty("bench.token", "");
        if (token.isBlank()) {
            throw new IllegalStateException("bench.token is not set: scripts/bench.sh signs one with scripts/token.sh");
        }
        return token;
    }

    static String token(String name) {
        return System.getProperty("bench.token." + name, token());
    }

    static double rate(double fallback) {
        return Double.parseDouble(System.getProperty("bench.rate", String.valueOf(fallback)));
    }

    static int seconds(int fallback) {
        return Integer.parseInt(System.getProperty("bench.seconds", String.valueOf(fallback)));
    }

    static double decimal(String name, double fallback) {
        return Double.parseDouble(System.getProperty("bench." + name, String.valueOf(fallback)));
    }

    /** The request name of a run's lead-in, which {@link BenchReport} leaves out of the figures. */
    static final String LEAD_IN = "lead-in";

    /**
     * Seconds of the same load before the measured part of a steady-rate run ({@code bench.leadInSeconds}, default
     * 10): each step starts a new load-generator JVM, whose own JIT compilation filled both cores for its first 8 s
     * (vmstat: 3-6 % idle, 8-11 runnable threads at 500 answers/s, then 45 % idle) and made the step's tail.
     */
    static int leadInSeconds() {
        return integer("leadInSeconds", 10);
    }

    /**
     * A steady-rate run: {@code scenario} named {@link #LEAD_IN} for {@link #leadInSeconds()}, then named
     * {@code measured} for {@code seconds}, both at {@code rate}. A warm-up run that is not reported sets the lead-in
     * to 0 and is only the measured part.
     */
    static PopulationBuilder steady(
            Function<String, ScenarioBuilder> scenario, String measured,
            double rate, int seconds) {
        var main = scenario.apply(measured).injectOpen(constantUsersPerSec(rate)
                .during(seconds));
        int leadIn = leadInSeconds();
        return leadIn <= 0 ? main : scenario.apply(LEAD_IN).injectOpen(
                constantUsersPerSec(rate).during(leadIn)).andThen(main);
    }

    static int integer(String name, int fallback) {
        return Integer.parseInt(System.getProperty("bench." + name, String.valueOf(fallback)));
    }
}
