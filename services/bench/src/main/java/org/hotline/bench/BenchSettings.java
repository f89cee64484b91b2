package org.hotline.bench;

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

    static int integer(String name, int fallback) {
        return Integer.parseInt(System.getProperty("bench." + name, String.valueOf(fallback)));
    }
}
