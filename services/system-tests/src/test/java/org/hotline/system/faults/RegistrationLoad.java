package org.hotline.system.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A steady load of contact registrations, each with its own Idempotency-Key, sent by a few concurrent clients that
 * behave as the hotline's front ends do: a 503 is retried after its Retry-After with the same key, a request that got
 * no answer (connection refused or reset, the service killed) is retried with the same key, and anything else is
 * final. It records what was accepted (key -> contact id) and every answer that breaks the contract.
 */
final class RegistrationLoad {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern REGION_STATUS = Pattern.compile("\"region\"\\s*:\\s*\\{[^}]*\"status\"\\s*:\\s*\"([A-Z]+)\"");
    private static final Duration GIVE_UP = Duration.ofSeconds(150);

    private final String url;
    private final String authorization;
    private final String body;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Idempotency-Key -> id of the contact the service accepted for it (the last answer's; all must agree). */
    final Map<String, String> accepted = new ConcurrentHashMap<>();
    /** Idempotency-Key -> first region status answered (RESOLVED, or PENDING when routing's fallback was used). */
    final Map<String, String> regionStatus = new ConcurrentHashMap<>();
    final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger serviceUnavailable = new AtomicInteger();
    final AtomicInteger noAnswer = new AtomicInteger();
    final AtomicInteger replayed = new AtomicInteger();

    RegistrationLoad(String baseUrl, String authorization, String body) {
        this.url = baseUrl + "/api/v1/contacts";
        this.authorization = authorization;
        this.body = body;
    }

    /** Sends {@code count} registrations from {@code clients} threads; the future completes when each has a final answer. */
    Future<?> start(int count, int clients) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                while (next.getAndIncrement() < count) {
                    register(UUID.randomUUID().toString());
                }
            }));
        }
        pool.shutdown();
        return Executors.newSingleThreadExecutor().submit(() -> {
            for (Future<?> w : workers) {
                w.get(5, TimeUnit.MINUTES);
            }
            return null;
        });
    }

    /** Blocks until at least {@code n} registrations were accepted (or fails after two minutes). */
    void awaitAccepted(int n) {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
        while (accepted.size() < n) {
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("only " + accepted.size() + " of " + n + " accepted: " + violations);
            }
            sleep(20);
        }
    }

    private void register(String key) {
        Instant giveUp = Instant.now().plus(GIVE_UP);
        String id = null;
        while (Instant.now().isBefore(giveUp)) {
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                        .header("Authorization", authorization).header("Content-Type", "application/json")
                        .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                // Killed or restarting service, or a reset connection: the outcome is unknown, retry with the same key.
                noAnswer.incrementAndGet();
                sleep(300);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            int status = response.statusCode();
            if (status == 201) {
                Matcher m = ID.matcher(response.body());
                if (!m.find()) {
                    violations.add(key + ": 201 without an id: " + response.body());
                    return;
                }
                if (id != null && !id.equals(m.group(1))) {
                    violations.add(key + ": one key, two contacts " + id + " and " + m.group(1));
                }
                id = m.group(1);
                accepted.put(key, id);
                Matcher region = REGION_STATUS.matcher(response.body());
                if (region.find()) {
                    regionStatus.putIfAbsent(key, region.group(1));
                }
                if ("true".equals(response.headers().firstValue("Idempotent-Replayed").orElse(null))) {
                    replayed.incrementAndGet();
                }
                return;
            }
            if (status == 503) {
                serviceUnavailable.incrementAndGet();
                String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
                if (retryAfter == null || !retryAfter.matches("\\d+")) {
                    violations.add(key + ": 503 without a Retry-After in seconds: " + response.headers().map());
                }
                sleep(Math.min(2000, retryAfter == null || !retryAfter.matches("\\d+") ? 1000
                        : Long.parseLong(retryAfter) * 1000));
                continue;
            }
            violations.add(key + ": " + status + " " + abbreviate(response.body()));
            return;
        }
        violations.add(key + ": no final answer within " + GIVE_UP.toSeconds() + " s");
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
