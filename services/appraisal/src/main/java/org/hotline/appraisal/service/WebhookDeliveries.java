package org.hotline.appraisal.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hotline.appraisal.config.AppraisalConfig;

/**
 * Appraisal's webhooks (complaint lights and hotspot alerts, one table {@code light_delivery}): queues a delivery,
 * reads a subject's delivery log, and sends due deliveries: claims due ones with {@code FOR UPDATE SKIP LOCKED} and a lease (so two
 * replicas never send the same attempt), POSTs the JSON with the delivery id as {@code Idempotency-Key}, logs every
 * attempt and retries failures with exponential back-off. Delivery is at least once (a crash between the POST and
 * its record repeats it after the lease); receivers deduplicate by the key.
 */
@ApplicationScoped
public class WebhookDeliveries {

    private static final Duration LEASE = Duration.ofMinutes(1);

    private final AppraisalConfig config;
    private final HttpClient http;

    public WebhookDeliveries(AppraisalConfig config, Vertx vertx) {
        this.config = config;
        this.http = vertx.createHttpClient();
    }

    /** A delivery and its attempts. */
    public record Delivery(String id, String kind, String url, String status, int attempts, Integer lastStatus,
            String deliveredAt, List<Attempt> log) {
    }

    /** One attempt of a delivery. */
    public record Attempt(int attempt, String at, Integer httpStatus, String error) {
    }

    /** What a delivery belongs to: the column naming its subject. */
    public enum Subject {
        LIGHT("light_id"), HOTSPOT_ALERT("hotspot_alert_id");

        final String column;

        Subject(String column) {
            this.column = column;
        }
    }

    /**
     * Queues one delivery of {@code body} to {@code url}, due at once, in the caller's transaction; nothing when the
     * tenant has no webhook, or when the subject already has a delivery of this kind (unique: a second writer adds
     * nothing).
     */
    public Uni<Void> enqueue(Mutiny.Session s, Subject subject, UUID id, String kind, String url, String body,
            Instant now) {
        if (url == null) {
            return Uni.createFrom().voidItem();
        }
        return s.createNativeQuery("INSERT INTO light_delivery (id, " + subject.column + ", kind, url, body, status, "
                        + "attempts, next_attempt_at) VALUES (:id, :subject, :kind, :url, :body, 'PENDING', 0, :now) "
                        + "ON CONFLICT DO NOTHING")
                .setParameter("id", UUID.randomUUID()).setParameter("subject", id).setParameter("kind", kind)
                .setParameter("url", url).setParameter("body", body).setParameter("now", now).executeUpdate()
                .replaceWithVoid();
    }

    /** The delivery log of one subject (a light or an alert the caller has already been allowed to see). */
    public Uni<List<Delivery>> log(Subject subject, UUID id) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "SELECT d.id, d.kind, d.url, d.status, d.attempts, d.last_status, d.delivered_at, a.attempt, a.at, "
                                + "a.http_status, a.error FROM light_delivery d LEFT JOIN light_delivery_attempt a "
                                + "ON a.delivery_id = d.id WHERE d." + subject.column + " = :id ORDER BY d.kind, a.attempt",
                        Object[].class)
                .setParameter("id", id).getResultList()).map(rows -> {
                    Map<Object, Delivery> out = new LinkedHashMap<>();
                    for (Object[] r : rows) {
                        Delivery d = out.computeIfAbsent(r[0], k -> new Delivery(r[0].toString(), (String) r[1],
                                (String) r[2], (String) r[3], ((Number) r[4]).intValue(), status(r[5]),
                                r[6] == null ? null : KpiService.instant(r[6]), new ArrayList<>()));
                        if (r[7] != null) {
                            d.log().add(new Attempt(((Number) r[7]).intValue(), KpiService.instant(r[8]), status(r[9]),
                                    r[10] == null || ((String) r[10]).isEmpty() ? null : (String) r[10]));
                        }
                    }
                    return List.copyOf(out.values());
                });
    }

    private static Integer status(Object o) {
        return o == null || ((Number) o).intValue() < 0 ? null : ((Number) o).intValue();
    }

    /** Sends every delivery due at {@code now}; answers how many were delivered. */
    public Uni<Integer> deliverDue(Instant now) {
        return claim(now).chain(due -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (Object[] d : due) {
                chain = chain.chain(n -> send(d, now).map(ok -> n + (ok ? 1 : 0)));
            }
            return chain;
        });
    }

    private Uni<List<Object[]>> claim(Instant now) {
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "UPDATE light_delivery SET next_attempt_at = :lease WHERE id IN (SELECT id FROM light_delivery "
                                + "WHERE status = 'PENDING' AND next_attempt_at <= :now ORDER BY next_attempt_at LIMIT 20 "
                                + "FOR UPDATE SKIP LOCKED) RETURNING id, url, body, attempts", Object[].class)
                .setParameter("lease", now.plus(LEASE)).setParameter("now", now).getResultList()));
    }

    private Uni<Boolean> send(Object[] d, Instant now) {
        UUID id = (UUID) d[0];
        int attempt = ((Number) d[3]).intValue() + 1;
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI((String) d[1])
                .setTimeout(config.lights().timeout().toMillis())
                .putHeader("Content-Type", "application/json").putHeader("Idempotency-Key", id.toString())
                .putHeader("X-Hotline-Delivery-Attempt", String.valueOf(attempt));
        return http.request(options).chain(req -> req.send(Buffer.buffer((String) d[2])))
                .map(resp -> new Object[] { resp.statusCode(), null })
                .onFailure().recoverWithItem(e -> new Object[] { null, String.valueOf(e.getMessage()) })
                .chain(result -> record(id, attempt, (Integer) result[0], (String) result[1], now));
    }

    private Uni<Boolean> record(UUID id, int attempt, Integer status, String error, Instant now) {
        boolean ok = status != null && status >= 200 && status < 300;
        boolean giveUp = !ok && attempt >= config.lights().maxAttempts();
        long backoff = Math.min(config.lights().maxBackoff().toMillis(),
                config.lights().firstBackoff().toMillis() << Math.min(20, attempt - 1));
        String e = error == null ? null : error.substring(0, Math.min(500, error.length()));
        if (!ok) {
            Log.warnf("Webhook delivery %s attempt %d failed: %s", id, attempt, status != null ? status : e);
        }
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "INSERT INTO light_delivery_attempt (delivery_id, attempt, at, http_status, error) "
                                + "VALUES (:id, :attempt, :at, :status, :error) ON CONFLICT DO NOTHING")
                .setParameter("id", id).setParameter("attempt", attempt).setParameter("at", now)
                .setParameter("status", status == null ? -1 : status).setParameter("error", e == null ? "" : e)
                .executeUpdate()
                .chain(() -> s.createNativeQuery("UPDATE light_delivery SET attempts = :attempt, status = :st, "
                                + "last_status = :status, last_error = :error, next_attempt_at = :next, "
                                + "delivered_at = CASE WHEN :ok THEN CAST(:at AS timestamptz) END WHERE id = :id")
                        .setParameter("attempt", attempt)
                        .setParameter("st", ok ? "DELIVERED" : giveUp ? "FAILED" : "PENDING")
                        .setParameter("status", status == null ? -1 : status).setParameter("error", e == null ? "" : e)
                        .setParameter("next", now.plusMillis(ok ? 0 : backoff)).setParameter("ok", ok)
                        .setParameter("at", now).setParameter("id", id).executeUpdate())))
                .replaceWith(ok);
    }
}
