package org.hotline.evaluation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.hotline.common.problem.ProblemException;
import org.hotline.evaluation.domain.IdempotentRequest;
import org.hotline.evaluation.repository.IdempotentRequestRepository;

/**
 * Idempotency-Key handling of every POST: records are scoped by (tenant, endpoint, caller, key) and carry a hash of
 * the body; a retry with the same body replays the first result, the same key with another body is a 422.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** Longest key accepted (the column's width); longer keys are a 400 naming the header. */
    public static final int MAX_KEY = 128;

    private final IdempotentRequestRepository requests;
    private final ObjectMapper json;

    public IdempotencyKeys(IdempotentRequestRepository requests, ObjectMapper json) {
        this.requests = requests;
        this.json = json;
    }

    /** A scoped key and the hash of its request, or null when the request carries no key. */
    public record Scoped(IdempotentRequest.Key key, String hash) {
    }

    /** Validates the header and scopes it; null when absent. */
    public Scoped scope(String tenant, String endpoint, String caller, String key, Object body) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > MAX_KEY || key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ProblemException.invalidField("Idempotency-Key",
                    "Give 1 to " + MAX_KEY + " printable characters, e.g. a UUID.");
        }
        return new Scoped(new IdempotentRequest.Key(tenant, endpoint, caller, key), hash(body));
    }

    /** The earlier answer to this key, or null; 422 {@code idempotency-key-reused} when the body differs. */
    public Uni<IdempotentRequest> earlier(Scoped scoped) {
        if (scoped == null) {
            return Uni.createFrom().nullItem();
        }
        return requests.findById(scoped.key()).map(done -> {
            if (done != null && !done.requestHash.equals(scoped.hash())) {
                throw ProblemException.unprocessable("idempotency-key-reused",
                        "This Idempotency-Key was used with another request body; use a new key for a new request.");
            }
            return done;
        });
    }

    /** Remembers the answer in the current transaction. */
    public Uni<Void> remember(Scoped scoped, UUID resultId, Integer resultCount) {
        if (scoped == null) {
            return Uni.createFrom().voidItem();
        }
        IdempotentRequest r = new IdempotentRequest();
        r.key = scoped.key();
        r.requestHash = scoped.hash();
        r.resultId = resultId;
        r.resultCount = resultCount;
        r.createdAt = Instant.now();
        return requests.persist(r).replaceWithVoid();
    }

    private String hash(Object body) {
        try {
            byte[] bytes = json.writeValueAsBytes(body);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash a request body", e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
