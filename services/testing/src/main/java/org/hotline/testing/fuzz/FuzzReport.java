package org.hotline.testing.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a fuzz run sent per operation, the answers' status classes, and every broken expectation. */
public final class FuzzReport {

    private final long seed;
    private final Map<String, int[]> perOperation = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();

    FuzzReport(long seed) {
        this.seed = seed;
    }

    void count(ApiOperation op, int status) {
        int[] counts = perOperation.computeIfAbsent(op.path() + " " + op.method(), k -> new int[6]);
        counts[0]++;
        counts[Math.min(5, status / 100)]++;
    }

    void failure(FuzzCase c, int index, String what) {
        perOperation.computeIfAbsent(c.operation().path() + " " + c.operation().method(), k -> new int[6]);
        failures.add("seed " + seed + " case " + index + " of " + c.operation() + ": " + what + "\n    request: " + c);
    }

    /** Broken expectations, each with the request that broke it. */
    public List<String> failures() {
        return failures;
    }

    /** Requests sent per operation. */
    public Map<String, Integer> casesPerOperation() {
        Map<String, Integer> out = new TreeMap<>();
        perOperation.forEach((op, counts) -> out.put(op, counts[0]));
        return out;
    }

    /** Total requests sent. */
    public int total() {
        return perOperation.values().stream().mapToInt(c -> c[0]).sum();
    }

    /** A table of operations with cases sent and answers by class (2xx, 3xx, 4xx, 5xx). */
    public String summary() {
        StringBuilder out = new StringBuilder("fuzz seed " + seed + ": " + total() + " requests to "
                + perOperation.size() + " operations, " + failures.size() + " failures\n");
        perOperation.forEach((op, c) -> out.append(String.format("  %-70s %4d sent  2xx %3d  4xx %4d  5xx %d%n", op,
                c[0], c[2], c[4], c[5])));
        return out.toString();
    }
}
