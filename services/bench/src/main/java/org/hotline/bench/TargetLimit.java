package org.hotline.bench;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;

/**
 * What limits a target a run did not meet, from that run's own figures: the CPU each request cost the machine, the
 * service and the load generator (scripts/bench.sh's meter), how busy the machine was, and for start-up where the
 * seconds and the resident memory go. These are the table's evidence; the notes below it hold the profiles.
 */
final class TargetLimit {

    private final Map<String, Map<String, String>> f;
    private final double cores;

    TargetLimit(Map<String, Map<String, String>> figures) {
        this.f = figures;
        this.cores = num("machine", "cores");
    }

    /**
     * The CPU a target rate needs, from the CPU per request measured in {@code scenario}'s run {@code prefix} (described by
     * {@code measuredAt}), and how busy the machine was at rest and at the highest step of {@code ladder}'s ladder.
     */
    String cpu(String scenario, String prefix, String measuredAt, double targetRate, String service, String request,
            String ladder) {
        double machine = num(scenario, prefix + ".machineCpuMs");
        if (Double.isNaN(machine)) {
            return "-";
        }
        double own = num(scenario, prefix + ".serviceCpuMs");
        double generator = num(scenario, prefix + ".loadGeneratorCpuMs");
        // The machine added at least what the two processes measured directly used: the rest it subtracts is sampled
        // for a few seconds and may hold the JIT's last compilations.
        machine = Math.max(machine, (Double.isNaN(own) ? 0 : own) + (Double.isNaN(generator) ? 0 : generator));
        double needed = machine * targetRate / 1000;
        double suite = (machine - generator) * targetRate / 1000;
        StringBuilder text = new StringBuilder();
        text.append(needed > cores * 0.7 ? "the machine's CPU: " : "not the CPU alone: ");
        text.append(measuredAt).append(", each ").append(request).append(" added ").append(fmt(machine, 2))
                .append(" ms of CPU to the machine (").append(service).append(' ').append(fmt(own, 2))
                .append(" ms, the load generator ").append(fmt(generator, 2)).append(" ms, the rest the other processes), so ")
                .append(fmt(targetRate, 0)).append("/s needs ").append(fmt(needed, 1)).append(" cores (").append(fmt(suite, 1))
                .append(" without the load generator) of the machine's ").append(fmt(cores, 0)).append("; busy at rest ")
                .append(fmt(num(ladder, "atRestBusyPct"), 0)).append(" %");
        String top = topStep(ladder);
        if (top != null) {
            text.append(", at ").append(top).append("/s ").append(fmt(num(ladder, "ladder." + top + ".machineBusyPct"), 0))
                    .append(" %");
        }
        if (!scenario.equals(ladder)) {
            text.append(", in ").append(scenario).append(' ').append(fmt(num(scenario, prefix + ".machineBusyPct"), 0)).append(" %");
        }
        return text.toString();
    }

    /**
     * Contacts at 1,500/s: the CPU per contact measured where the rate was offered (the spike's step) when the run has
     * it, else at the rate held; at low rates fixed costs (the load generator's JVM, timers) inflate it.
     */
    String contacts() {
        return Double.isNaN(num("spike", "cpu.machineCpuMs"))
                ? cpu("contacts", "cpu", "held at " + fmt(num("contacts", "heldRate"), 0) + "/s", 1500, "intake", "contact", "contacts")
                : cpu("spike", "cpu", "in the spike (300 -> 1,500/s offered)", 1500, "intake", "contact", "contacts");
    }

    /** Work orders have no rate to reach: the lowest step's tail, CPU per lifecycle and the machine's busy share. */
    String orders() {
        String low = f.getOrDefault("orders", Map.of()).keySet().stream()
                .filter(k -> k.matches("ladder\\.\\d+\\.machineCpuMs"))
                .map(k -> k.split("\\.")[1])
                .min(Comparator.comparingLong(Long::parseLong)).orElse(null);
        if (low == null) {
            return "-";
        }
        String step = "ladder." + low + ".";
        return "at " + low + " orders/s p99 " + fmt(num("orders", step + "p99Ms"), 0) + " ms with the machine "
                + fmt(num("orders", step + "machineBusyPct"), 0) + " % busy (at rest " + fmt(num("orders", "atRestBusyPct"), 0)
                + " %): each lifecycle (four requests) added " + fmt(num("orders", step + "machineCpuMs"), 1)
                + " ms of CPU to the machine, routing " + fmt(num("orders", step + "serviceCpuMs"), 1)
                + " ms, the load generator " + fmt(num("orders", step + "loadGeneratorCpuMs"), 1) + " ms";
    }

    /** A contact's CPU against a pgbench insert's: on a CPU-bound machine the rate ratio cannot exceed it. */
    String pgbench() {
        double insert = num("pgbench", "cpu.machineCpuMs");
        double contact = Double.isNaN(num("spike", "cpu.machineCpuMs"))
                ? num("contacts", "cpu.machineCpuMs") : num("spike", "cpu.machineCpuMs");
        if (Double.isNaN(insert) || Double.isNaN(contact)) {
            return "-";
        }
        return "a pgbench insert added " + fmt(insert, 2) + " ms of CPU to the machine (pgbench's client included), a contact "
                + fmt(contact, 2) + " ms (an HTTP request with a token, JSON, validation, three rows, an event appraisal "
                + "applies; the load generator included): on shared cores the rate ratio cannot exceed "
                + pct(insert / contact);
    }

    /** The spike's rate needs the cores contacts measured; the bound's answer to the rest. */
    String spike() {
        String contacts = contacts();
        return contacts.equals("-") ? "-" : contacts + " (intake's bound refuses what it cannot take at once, 503 with "
                + "Retry-After, and nothing is stored twice)";
    }

    /** Seconds to ready against Quarkus's own start, and what the resident memory holds. */
    String startup(String service) {
        double seconds = num("startup", service + ".seconds");
        double startedIn = num("startup", service + ".startedIn");
        double rss = num("startup", service + ".rssMb");
        double heap = num("startup", service + ".heapCommittedMb");
        double metaspace = num("startup", service + ".metaspaceCommittedMb");
        double aot = num("startup", service + ".aotCacheRssMb");
        StringBuilder text = new StringBuilder();
        if (!Double.isNaN(startedIn)) {
            text.append("Quarkus's start ").append(fmt(startedIn, 1)).append(" s of ").append(fmt(seconds, 1))
                    .append(" s (the rest: the JVM's launch and the first readiness answer)");
        }
        double first = num("startup", service + ".firstStartSeconds");
        if (!Double.isNaN(first) && "knowledge".equals(service)) {
            text.append(", a restart on its kept index; a first start, which analyses the whole corpus, took ")
                    .append(fmt(first, 0)).append(" s");
        }
        if (!Double.isNaN(heap) && !Double.isNaN(metaspace)) {
            double cache = Double.isNaN(aot) ? 0 : aot;
            text.append(text.isEmpty() ? "" : "; ").append("RSS ").append(fmt(rss, 0)).append(" MB: heap ")
                    .append(fmt(heap, 0)).append(" MB committed, AOT cache ").append(fmt(cache, 0)).append(" MB, metaspace ")
                    .append(fmt(metaspace, 0)).append(" MB, ").append(fmt(rss - heap - cache - metaspace, 0))
                    .append(" MB JIT code, stacks and native buffers");
        }
        return text.isEmpty() ? "-" : text.toString();
    }

    /** The highest rate of a scenario's ladder that the meter measured (the step that broke, or the last held). */
    private String topStep(String scenario) {
        return f.getOrDefault(scenario, Map.of()).keySet().stream()
                .filter(k -> k.matches("ladder\\.\\d+\\.machineBusyPct"))
                .map(k -> k.split("\\.")[1])
                .max(Comparator.comparingLong(Long::parseLong)).orElse(null);
    }

    private double num(String scenario, String metric) {
        String v = f.getOrDefault(scenario, Map.of()).get(metric);
        try {
            return v == null ? Double.NaN : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f %%", v * 100);
    }
}
