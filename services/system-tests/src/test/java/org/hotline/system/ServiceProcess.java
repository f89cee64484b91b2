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

/**
 * One packaged service running as a real process (java -jar), on a free port, against its {@code _it} database, with
 * exactly the environment the Helm chart renders for its pod ({@link ChartEnvironment}): no {@code -D} properties,
 * nothing inherited from the shell that runs the tests. What a test changes, it changes through the chart's values.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Path SERVICES = Path.of(System.getProperty("hotline.services.dir", ".."));
    private static final Path LOGS = Path.of("target", "it-logs");
    private static boolean logsEmptied;
    /** What the runtime image gives every container besides the chart's env (the UBI OpenJDK image runs on UTC). */
    private static final Map<String, String> IMAGE_ENVIRONMENT = Map.of("TZ", "UTC");

    private final String service;
    private final int port;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> peers = new LinkedHashMap<>();
    private String databaseSuffix;
    private final Map<String, Object> chartValues = new LinkedHashMap<>();
    private Map<String, String> environment = Map.of();
    private Process process;
    private int starts;

    private ServiceProcess(String service, int port) {
        this.service = service;
        this.port = port;
    }

    /** A service on a free port; {@link #start()} launches it. */
    public static ServiceProcess of(String service) {
        return new ServiceProcess(service, freePort());
    }

    /**
     * Changes one setting of the service the way a deployment would: through the chart's values, as the environment
     * variable Quarkus reads the property from ({@code hotline.intake.region-retry.interval} becomes
     * {@code HOTLINE_INTAKE_REGION_RETRY_INTERVAL} in {@code services.<service>.env}). {@code hotline.db.suffix} picks
     * the database ({@code database.nameSuffix}: {@code _it2} uses {@code hotline_<service>_it2}).
     */
    public ServiceProcess with(String key, String value) {
        if ("hotline.db.suffix".equals(key)) {
            databaseSuffix = value;
        } else {
            settings.put(environmentName(key), value);
        }
        return this;
    }

    /**
     * Points this service's gRPC client {@code client} at {@code peer}, through the chart: the peer's
     * {@code grpcAddress} becomes localhost and its port. The client must be one the chart gives this service
     * ({@code services.<service>.grpcClients}) and, by the naming rule of docs/deploy.md, named after the peer.
     */
    public ServiceProcess calling(String client, ServiceProcess peer) {
        if (!client.equals(peer.service)) {
            throw new IllegalArgumentException("client '" + client + "' of " + service + " calls " + peer.service
                    + ": clients are named after the service they call (docs/deploy.md)");
        }
        List<String> clients = new ArrayList<>();
        ChartEnvironment.chartValues().path("services").path(service).path("grpcClients")
                .forEach(c -> clients.add(c.asText()));
        if (!clients.contains(client)) {
            throw new IllegalStateException("the chart gives " + service + " no gRPC client '" + client
                    + "': add it to services." + service + ".grpcClients in helm/hotline/values.yaml (it has " + clients + ")");
        }
        peers.put(client, peer);
        return this;
    }

    /**
     * Sets one value of the chart for this process's release, by its dotted path (e.g. {@code jwt.verificationKeys});
     * applied over the values this class derives, so a test can run a service as a deployment configured that way.
     */
    public ServiceProcess withChartValue(String path, Object value) {
        chartValues.put(path, value);
        return this;
    }

    public int port() {
        return port;
    }

    public String service() {
        return service;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The environment the process was last started with (what the chart rendered for its pod). */
    public Map<String, String> environment() {
        return environment;
    }

    /** The log file of the current (or last) start of the process. */
    public Path logFile() {
        return LOGS.resolve(logName()).toAbsolutePath();
    }

    /** Starts the process with the chart-rendered environment and waits until its readiness check answers UP. */
    public ServiceProcess start() {
        Path jar = SERVICES.resolve(service).resolve("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw package)");
        }
        starts++;
        environment = ChartEnvironment.render(service, service + "-" + port, values());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        try {
            emptyLogsOncePerRun();
            File log = LOGS.resolve(logName()).toFile();
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log));
            builder.environment().clear();
            builder.environment().putAll(IMAGE_ENVIRONMENT);
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(Duration.ofSeconds(90));
        return this;
    }

    /** The values this process adds to the test values file: its port, its peers, its settings, database and keys. */
    private Map<String, Object> values() {
        Map<String, Object> self = new LinkedHashMap<>();
        self.put("port", port);
        if (!settings.isEmpty()) {
            self.put("env", settings);
        }
        Map<String, Object> services = new LinkedHashMap<>();
        services.put(service, self);
        peers.forEach((client, peer) -> services.computeIfAbsent(client, c -> new LinkedHashMap<String, Object>()));
        for (var peer : peers.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> block = (Map<String, Object>) services.get(peer.getKey());
            block.put("grpcAddress", Map.of("host", "localhost", "port", peer.getValue().port()));
        }
        Map<String, Object> external = new LinkedHashMap<>();
        external.put("host", env("HOTLINE_DB_HOST", "127.0.0.1"));
        external.put("port", Integer.parseInt(env("HOTLINE_DB_PORT", "5432")));
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("external", external);
        database.put("credentials", Map.of("existingSecret", "", "username", env("HOTLINE_DB_USER", "hotline"),
                "password", env("HOTLINE_DB_PASSWORD", "hotline")));
        if (databaseSuffix != null) {
            database.put("nameSuffix", databaseSuffix);
        }
        TestKeys keys = TestKeys.get();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("services", services);
        values.put("database", database);
        Map<String, Object> jwt = new LinkedHashMap<>();
        jwt.put("publicKey", read(keys.publicKeyFile()));
        jwt.put("privateKey", read(keys.privateKeyFile()));
        values.put("jwt", jwt);
        chartValues.forEach((path, value) -> put(values, path.split("\\."), value));
        return values;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> values, String[] path, Object value) {
        Map<String, Object> node = values;
        for (int i = 0; i < path.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
        }
        node.put(path[path.length - 1], value);
    }

    /**
     * The environment variable Quarkus reads {@code property} from: upper case, every other character as "_" (so a
     * quoted map key {@code tenant-hours."37".periods} becomes {@code TENANT_HOURS__37__PERIODS}).
     */
    static String environmentName(String property) {
        return property.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    static Path servicesDir() {
        return SERVICES.toAbsolutePath().normalize();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Logs of earlier runs would be scanned as this run's (zz.LogScanIT): the first start of a run removes them. */
    private static synchronized void emptyLogsOncePerRun() throws IOException {
        if (!logsEmptied) {
            if (Files.isDirectory(LOGS)) {
                try (var files = Files.list(LOGS)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
            }
            logsEmptied = true;
        }
        Files.createDirectories(LOGS);
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
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(1));
        while (true) {
            try (Connection c = DriverManager.getConnection(url, env("HOTLINE_DB_USER", "hotline"),
                    env("HOTLINE_DB_PASSWORD", "hotline")); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS public CASCADE");
                s.execute("CREATE SCHEMA public");
                return;
            } catch (SQLException e) {
                // The server is shared by every test run on the machine: wait a little while it is full.
                if (!"53300".equals(e.getSQLState()) || Instant.now().isAfter(giveUp)) {
                    throw new IllegalStateException("Cannot reset " + url + " (run scripts/db-prepare.sh): "
                            + e.getMessage(), e);
                }
                sleep(500);
            }
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
