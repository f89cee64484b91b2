package org.hotline.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where a run's CPU went, as scripts/bench.sh measures it around a Gatling run: the whole machine's busy time from
 * {@code /proc/stat} above what it uses at rest (the idle suite, PostgreSQL, the kernel), the server's from
 * {@code /proc/<pid>/stat} and this load generator's own, each per request sent.
 */
final class CpuMeter {

    /** Linux reports CPU time in clock ticks of 10 ms (USER_HZ 100 on every architecture the suite runs on). */
    private static final double MS_PER_TICK = 10;

    private final long serverPid;
    private long busy0;
    private long total0;
    private long server0;
    private long own0;
    private long start;
    /** Busy ticks per nanosecond of the machine at rest, from {@link #rest}. */
    private double restTicksPerNano;

    CpuMeter(long serverPid) {
        this.serverPid = serverPid;
    }

    /** Samples the machine at rest for {@code millis}; returns its busy share in percent. */
    double rest(long millis) throws InterruptedException {
        long[] before = machine();
        long t0 = System.nanoTime();
        Thread.sleep(millis);
        long[] after = machine();
        restTicksPerNano = (after[0] - before[0]) / (double) (System.nanoTime() - t0);
        return after[1] == before[1] ? 0 : round(100.0 * (after[0] - before[0]) / (after[1] - before[1]));
    }

    void begin() {
        long[] machine = machine();
        busy0 = machine[0];
        total0 = machine[1];
        server0 = server();
        own0 = own();
        start = System.nanoTime();
    }

    /** Puts machineBusyPct, machineCpuMs, serviceCpuMs and loadGeneratorCpuMs (per request) into {@code into}. */
    void end(long requests, Map<String, Object> into) {
        long[] machine = machine();
        if (requests <= 0 || machine[1] == total0) {
            return;
        }
        into.put("machineBusyPct", round(100.0 * (machine[0] - busy0) / (machine[1] - total0)));
        double added = machine[0] - busy0 - restTicksPerNano * (System.nanoTime() - start);
        into.put("machineCpuMs", round(Math.max(0, added) * MS_PER_TICK / requests));
        if (serverPid > 0) {
            into.put("serviceCpuMs", round((server() - server0) * MS_PER_TICK / requests));
        }
        into.put("loadGeneratorCpuMs", round((own() - own0) / 1e6 / requests));
    }

    private static double round(double v) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.3f", v));
    }

    /** Busy and total ticks of the whole machine: user, nice, system, irq, softirq, steal; plus idle and iowait. */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
            return new long[] {busy, busy + Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private long server() {
        if (serverPid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
            // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14, 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long own() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
