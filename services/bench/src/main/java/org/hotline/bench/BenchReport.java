package org.hotline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects the figures of a {@code make bench} run and writes {@code docs/benchmarks.md} and {@code .json}.
 * <ul>
 * <li>{@code gatling <scenario> <report-dir>}: prints one TSV line per request name of a Gatling HTML report;</li>
 * <li>{@code render <results.tsv> <machine.txt> <command> <out.md> <out.json>}: the table, targets and ratios.</li>
 * </ul>
 * A results line is {@code scenario \t metric \t value}.
 */
public final class BenchReport {

    /** Columns of a row of Gatling 3.14's statistics table, after the request name. */
    private static final String[] GATLING_COLUMNS = {"count", "ok", "ko", "koPercent", "rps", "minMs", "p50Ms", "p75Ms",
        "p95Ms", "p99Ms", "maxMs", "meanMs", "stdMs"};
    private static final Pattern ROW = Pattern.compile(
            "class=\"ellipsed-name\">([^<]+)</span>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<td class=\"value [^\"]*\">([^<]*)</td>");

    private BenchReport() {
    }

    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "gatling" -> gatling(args[1], Path.of(args[2]));
            case "render" -> render(Path.of(args[1]), Path.of(args[2]), args[3], Path.of(args[4]), Path.of(args[5]));
            default -> throw new IllegalArgumentException("gatling | render");
        }
    }

    private static void gatling(String scenario, Path reportDir) throws IOException {
        String html = Files.readString(reportDir.resolve("index.html"), StandardCharsets.UTF_8);
        Map<String, List<String>> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            String name = row.group(1).trim();
            Matcher cell = CELL.matcher(row.group(2));
            List<String> values = new ArrayList<>();
            while (cell.find()) {
                values.add(cell.group(1).trim().replace(",", ""));
            }
            if (values.size() < GATLING_COLUMNS.length) {
                continue;
            }
            rows.put("All Requests".equals(name) ? "all" : name, values);
        }
        // A run that began with a lead-in (BenchSettings.leadInSeconds) reports it apart; "all" is then the one
        // measured request, so the load generator's own JIT warm-up is never counted against the service.
        // Gatling divides each request's count by the whole run's duration; the lead-in runs at the same rate, so the
        // whole run's rate is the measured part's.
        List<String> leadIn = rows.get(BenchSettings.LEAD_IN);
        List<String> whole = rows.get("all");
        if (leadIn != null && whole != null && rows.size() == 3) {
            int rps = List.of(GATLING_COLUMNS).indexOf("rps");
            rows.entrySet().stream().filter(e -> !e.getKey().equals("all") && !e.getKey().equals(BenchSettings.LEAD_IN))
                    .findFirst().ifPresent(measured -> {
                        measured.getValue().set(rps, whole.get(rps));
                        rows.put("all", measured.getValue());
                    });
        }
        rows.forEach((prefix, values) -> {
            for (int i = 0; i < GATLING_COLUMNS.length; i++) {
                System.out.println(scenario + "\t" + prefix + "." + GATLING_COLUMNS[i] + "\t" + values.get(i));
            }
        });
    }

    private static void render(Path results, Path machine, String command, Path md, Path json) throws IOException {
        Map<String, Map<String, String>> figures = new LinkedHashMap<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            String[] parts = line.split("\t");
            if (parts.length == 3) {
                figures.computeIfAbsent(parts[0], k -> new LinkedHashMap<>()).put(parts[1], parts[2]);
            }
        }
        List<Target> targets = Target.all(figures);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("machine", Files.readString(machine).trim());
        root.put("command", command);
        ObjectNode scenarios = root.putObject("scenarios");
        figures.forEach((scenario, metrics) -> {
            ObjectNode node = scenarios.putObject(scenario);
            metrics.forEach((k, v) -> {
                try {
                    node.put(k, Double.parseDouble(v));
                } catch (NumberFormatException e) {
                    node.put(k, v);
                }
            });
        });
        ArrayNode targetNodes = root.putArray("targets");
        for (Target t : targets) {
            ObjectNode node = targetNodes.addObject();
            node.put("scenario", t.scenario());
            node.put("target", t.target());
            node.put("measured", t.measured());
            node.put("met", t.met() == null ? null : t.met().toString());
            node.put("limitedBy", t.limit());
        }
        Files.createDirectories(json.toAbsolutePath().getParent());
        mapper.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), root);

        StringBuilder out = new StringBuilder();
        out.append("# Benchmarks\n\n");
        out.append("Written by `").append(command).append("` (scripts/bench.sh). Open-model load (constant arrival rate) from ")
                .append("Gatling's Java DSL and a small gRPC driver (`services/bench`); the Gatling HTML reports are kept in ")
                .append("`.run/bench/gatling/`. Machine-readable figures: `docs/benchmarks.json`.\n\n");
        out.append("## Machine\n\n```\n").append(Files.readString(machine).trim()).append("\n```\n\n");
        out.append("## Targets\n\nA target not met names what limits it, from the same run's figures (CPU per request of the machine, ")
                .append("the service and the load generator; start-up's seconds and memory); the notes below hold the profiles.\n\n")
                .append("| scenario | target | measured | met | what limits it |\n|---|---|---|---|---|\n");
        for (Target t : targets) {
            out.append("| ").append(t.scenario()).append(" | ").append(t.target()).append(" | ").append(t.measured())
                    .append(" | ").append(t.met() == null ? "not measured" : t.met() ? "yes" : "**no**")
                    .append(" | ").append(Boolean.FALSE.equals(t.met()) ? t.limit() : "").append(" |\n");
        }
        out.append("\n## All figures\n\n| scenario | metric | value |\n|---|---|---|\n");
        figures.forEach((scenario, metrics) -> metrics.forEach((k, v) ->
                out.append("| ").append(scenario).append(" | ").append(k).append(" | ").append(v).append(" |\n")));
        String notes = md.resolveSibling("benchmarks-notes.md").toFile().exists()
                ? Files.readString(md.resolveSibling("benchmarks-notes.md")) : "";
        if (!notes.isBlank()) {
            out.append("\n").append(notes.trim()).append("\n");
        }
        Files.writeString(md, out.toString(), StandardCharsets.UTF_8);
    }

    /** One target of the benchmark issue, judged from the run's figures. */
    record Target(String scenario, String target, String measured, Boolean met, String limit) {

        Target(String scenario, String target, String measured, Boolean met) {
            this(scenario, target, measured, met, "");
        }

        Target limitedBy(String why) {
            return new Target(scenario, target, measured, met, why);
        }

        static List<Target> all(Map<String, Map<String, String>> f) {
            TargetLimit limits = new TargetLimit(f);
            List<Target> list = new ArrayList<>();
            double pg = num(f, "pgbench", "tps");
            double held = num(f, "contacts", "heldRate");
            list.add(new Target("contacts", ">= 1,500/s held 60 s at p99 <= 50 ms, no errors",
                    fmt(held) + "/s (p99 " + fmt(num(f, "contacts", "heldP99Ms")) + " ms)",
                    Double.isNaN(held) ? null : held >= 1500).limitedBy(limits.contacts()));
            list.add(new Target("contacts vs pgbench", ">= 50% of pgbench inserts (" + fmt(pg) + "/s)",
                    Double.isNaN(held) || Double.isNaN(pg) ? "-" : pct(held / pg),
                    Double.isNaN(held) || Double.isNaN(pg) ? null : held / pg >= 0.5).limitedBy(limits.pgbench()));
            double stepP99 = num(f, "spike", "step.p99Ms");
            double stepKo = num(f, "spike", "all.ko");
            double accepted = num(f, "spike", "all.ok");
            double stored = num(f, "spike", "stored");
            list.add(new Target("spike", "300 -> 1,500/s for 60 s: 0 errors, stored = accepted, step p99 <= 200 ms",
                    fmt(stepKo) + " errors (" + fmt(num(f, "spike", "refused503")) + " refused at once with 503), "
                            + fmt(stored) + " stored of " + fmt(accepted) + " accepted, step p99 "
                            + fmt(stepP99) + " ms",
                    Double.isNaN(stepP99) ? null : stepKo == 0 && stored == accepted && stepP99 <= 200).limitedBy(limits.spike()));
            double grpc = num(f, "resolve-grpc", "achievedRate");
            double grpcP99 = num(f, "resolve-grpc", "p99Ms");
            list.add(new Target("resolve-grpc", ">= 10,000/s, p99 <= 10 ms",
                    fmt(grpc) + "/s, p99 " + fmt(grpcP99) + " ms (" + fmt(num(f, "resolve-grpc", "failed")) + " failed)",
                    Double.isNaN(grpc) ? null : grpc >= 10_000 * 0.98 && grpcP99 <= 10
                            && num(f, "resolve-grpc", "failed") == 0).limitedBy(
                    limits.cpu("resolve-grpc", "ladder." + (long) num(f, "resolve-grpc", "targetRate"),
                            "at " + fmt(num(f, "resolve-grpc", "targetRate")) + "/s", 10_000, "routing", "call", "resolve-grpc")));
            double rules = num(f, "rules", "decisionsPerSecondPerCore");
            list.add(new Target("rules", ">= 100,000 routing-rule decisions/s per core (JMH, 1 thread)",
                    fmt(rules) + "/s", Double.isNaN(rules) ? null : rules >= 100_000));
            double orders = num(f, "orders", "heldRate");
            list.add(new Target("orders", "work-order lifecycle (create, accept, reply, callback), sweep running: "
                    + "highest rate with p99 <= 100 ms", fmt(orders) + " orders/s (p99 " + fmt(num(f, "orders", "heldP99Ms"))
                    + " ms)", Double.isNaN(orders) ? null : orders > 0).limitedBy(limits.orders()));
            double kq = num(f, "knowledge", "all.rps");
            double kp99 = num(f, "knowledge", "all.p99Ms");
            list.add(new Target("knowledge", ">= 1,000 answers/s, p99 <= 20 ms (corpus " + fmt(num(f, "knowledge", "corpus"))
                    + " articles)", fmt(kq) + "/s, p99 " + fmt(kp99) + " ms; held " + fmt(num(f, "knowledge", "heldRate"))
                    + "/s at p99 <= 20 ms",
                    Double.isNaN(kq) ? null : kq >= 980 && kp99 <= 20 && num(f, "knowledge", "all.ko") == 0)
                    .limitedBy(limits.cpu("knowledge", "cpu", "at " + fmt(kq) + "/s", 1000, "knowledge", "answer", "knowledge")));
            double lucene = num(f, "knowledge-lucene", "queriesPerSecond");
            // CPU per request compares the two even when no step of the ladder was held (the rate ratio is then 0).
            double luceneCpu = num(f, "knowledge-lucene", "cpuMsPerQuery");
            double answerCpu = f.getOrDefault("knowledge", Map.of()).entrySet().stream()
                    .filter(e -> e.getKey().matches("ladder\\.\\d+\\.serviceCpuMs"))
                    .max(java.util.Comparator.comparingInt(e -> Integer.parseInt(e.getKey().split("\\.")[1])))
                    .map(e -> num(f, "knowledge", e.getKey())).orElse(Double.NaN);
            list.add(new Target("knowledge vs raw Lucene", "reported (same rows, analyzer and heap, 2 threads: "
                    + fmt(lucene) + " queries/s)", Double.isNaN(lucene) ? "-" : pct(num(f, "knowledge", "luceneRatio"))
                    + " of raw Lucene's rate; CPU per answer " + fmt(answerCpu) + " ms vs " + fmt(luceneCpu)
                    + " ms per raw query", Double.isNaN(lucene) ? null : true));
            for (String service : List.of("routing", "knowledge", "intake", "evaluation", "appraisal", "console")) {
                double s = num(f, "startup", service + ".seconds");
                double rss = num(f, "startup", service + ".rssMb");
                if (!Double.isNaN(s)) {
                    list.add(new Target("start-up " + service, "ready <= 3 s, RSS <= 300 MB",
                            fmt(s) + " s, " + fmt(rss) + " MB", s <= 3 && rss <= 300).limitedBy(limits.startup(service)));
                }
            }
            return list;
        }

        private static double num(Map<String, Map<String, String>> f, String scenario, String metric) {
            String v = f.getOrDefault(scenario, Map.of()).get(metric);
            try {
                return v == null ? Double.NaN : Double.parseDouble(v);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        private static String fmt(double v) {
            if (Double.isNaN(v)) {
                return "-";
            }
            return v == Math.rint(v) && Math.abs(v) < 1e12 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
        }

        private static String pct(double v) {
            return String.format(Locale.ROOT, "%.0f%%", v * 100);
        }
    }
}
