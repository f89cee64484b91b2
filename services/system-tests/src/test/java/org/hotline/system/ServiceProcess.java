package org.hotline.system;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hotline.testing.TestKeys;

/** One packaged service running as a real process (java -jar), on a free port, against its {@code _it} database. */
public final class ServiceProcess implements AutoCloseable {

    private static final Path SERVICES = Path.of(System.getProperty("hotline.services.dir", ".."));
    private static final Path LOGS = Path.of("target", "it-logs");

    private final String service;
    private final int port;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private Process process;
    private int starts;

    private ServiceProcess(String service, int port) {
        this.service = service;
        this.port = port;
        TestKeys keys = TestKeys.get();
        properties.put("quarkus.http.port", String.valueOf(port));
        properties.put("hotline.db.suffix", "_it");
        properties.put("mp.jwt.verify.publickey.location", keys.publicKeyFile().toString());
        properties.put("smallrye.jwt.sign.key.location", keys.privateKeyFile().toString());
    }

    /** A service on a free port; {@link #start()} launches it. */
    public static ServiceProcess of(String service) {
        return new ServiceProcess(service, freePort());
    }

    /** Sets a system property of the process (e.g. a peer's gRPC port). */
    public ServiceProcess with(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** Points this service's gRPC client {@code client} at {@code peer}. */
    public ServiceProcess calling(String client, ServiceProcess peer) {
        return with("quarkus.grpc.clients." + client + ".host", "localhost")
                .with("quarkus.grpc.clients." + client + ".port", String.valueOf(peer.port()));
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Starts the process and waits until its readiness check answers UP. */
    public ServiceProcess start() {
        Path jar = SERVICES.resolve(service).resolve("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw package)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-Duser.timezone=UTC");
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(LOGS);
            starts++;
            File log = LOGS.resolve(logName()).toFile();
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log)).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(Duration.ofSeconds(90));
        return this;
    }

    /** One log per process and start: replicas of a service run on different ports. */
    private String logName() {
        return service + "-" + port + "-" + starts + ".log";
    }

    /** Kills the process at once, as a crash or an OOM kill would (SIGKILL). */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the process gracefully (SIGTERM). */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitReady(Duration timeout) {
        Instant giveUp = Instant.now().plus(timeout);
        while (Instant.now().isBefore(giveUp)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited with " + process.exitValue()
                        + "; see " + LOGS.resolve(logName()).toAbsolutePath());
            }
            if (status("/q/health/ready") == 200) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException(service + " not ready after " + timeout);
    }

    /** The HTTP status of a GET on {@code path}, or -1 when nothing answers. */
    public int status(String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl() + path).toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            int code = c.getResponseCode();
            c.disconnect();
            return code;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Empties a service's {@code _it} database so each run starts from nothing (Flyway recreates the schema). */
    public static void resetDatabase(String service) {
        resetDatabase(service, "_it");
    }

    /**
     * Empties {@code hotline_<service><suffix>}; ITs that need databases of their own use the suffixes {@code _it2} or {@code _it3}
     * (and start their processes with {@code .with("hotline.db.suffix", "_it2")}).
     */
    public static void resetDatabase(String service, String suffix) {
        String url = "jdbc:postgresql://" + env("HOTLINE_DB_HOST", "127.0.0.1") + ":" + env("HOTLINE_DB_PORT", "5432")
                + "/hotline_" + service + suffix;
        try (Connection c = DriverManager.getConnection(url, env("HOTLINE_DB_USER", "hotline"),
                env("HOTLINE_DB_PASSWORD", "hotline")); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS public CASCADE");
            s.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reset " + url + " (run scripts/db-prepare.sh): " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
