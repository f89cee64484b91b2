package org.hotline.intake.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An Idempotency-Key as a registration sees it: the endpoint it was sent to, the key, and the SHA-256 of the request
 * (null when a repeat may legitimately differ, e.g. a switch's re-offer of a call). Records are looked up by tenant,
 * endpoint, client and key; a key reused with another body is refused (422 idempotency-key-reused).
 */
public record IdempotencyKey(String endpoint, String key, String requestHash) {

    /** The key of a request, or null when the client sent none. */
    public static IdempotencyKey of(String endpoint, String key, Object request) {
        if (key == null || key.isBlank()) {
            return null;
        }
        return new IdempotencyKey(endpoint, key, request == null ? null : sha256(endpoint + "\n" + request));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
