package org.hotline.system.faults;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Restarts the local PostgreSQL cluster the suite runs on (Debian's {@code pg_ctlcluster}, fast shutdown: every
 * connection is cut, new ones are refused until the server is back). Only possible when the database is this
 * machine's own cluster and the tests run as root or postgres; {@link #unavailableBecause()} says why not otherwise.
 */
final class ServerRestart {

    private static final File CLUSTERS = new File("/etc/postgresql");
    private static final File CONTROL = new File("/usr/bin/pg_ctlcluster");

    private ServerRestart() {
    }

    /** Null when the cluster can be restarted here, else the reason. */
    static String unavailableBecause() {
        Map<String, String> env = System.getenv();
        String host = env.getOrDefault("HOTLINE_DB_HOST", "127.0.0.1");
        if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
            return "the database is not on this machine (" + host + ")";
        }
        String user = System.getProperty("user.name");
        if (!"root".equals(user) && !"postgres".equals(user)) {
            return "the tests run as " + user + ", who may not restart the cluster";
        }
        if (!CONTROL.canExecute()) {
            return "no " + CONTROL;
        }
        String[] versions = CLUSTERS.list();
        if (versions == null || versions.length != 1 || !new File(CLUSTERS, versions[0] + "/main").isDirectory()) {
            return "not exactly one cluster 'main' under " + CLUSTERS;
        }
        return null;
    }

    /** Restarts the cluster and returns once it accepts connections again (pg_ctlcluster waits for that). */
    static void restart() throws IOException, InterruptedException {
        String version = CLUSTERS.list()[0];
        Process p = new ProcessBuilder(List.of(CONTROL.getPath(), "--skip-systemctl-redirect", "-m", "fast", version,
                "main", "restart")).redirectErrorStream(true).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("pg_ctlcluster restart did not finish in 2 minutes");
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            // Leave the server running for the tests after this one whatever happened.
            new ProcessBuilder(List.of(CONTROL.getPath(), "--skip-systemctl-redirect", version, "main", "start"))
                    .inheritIO().start().waitFor(2, TimeUnit.MINUTES);
            throw new IOException("pg_ctlcluster restart failed (" + p.exitValue() + "): " + output);
        }
    }
}
