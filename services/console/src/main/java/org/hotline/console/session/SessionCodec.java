package org.hotline.console.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.hotline.console.config.ConsoleConfig;

/**
 * Writes and reads the session cookie: the staff record as JSON with an HMAC-SHA256 signature, so the browser holds
 * the session and any replica of the console can read it, but nobody can alter it.
 */
@ApplicationScoped
public class SessionCodec {

    /** Name of the console's session cookie. */
    public static final String COOKIE = "hotline_session";

    private record Payload(String sub, String name, String role, String tenant, String unit, String token, long exp) {
    }

    private final ObjectMapper json;
    private final SecretKeySpec key;

    public SessionCodec(ObjectMapper json, ConsoleConfig config) {
        this.json = json;
        byte[] secret;
        if (config.session().secret().isPresent() && !config.session().secret().get().isBlank()) {
            secret = config.session().secret().get().getBytes(StandardCharsets.UTF_8);
            if (secret.length < 32) {
                throw new IllegalStateException("hotline.console.session.secret must be at least 32 characters");
            }
        } else {
            // Sessions then end when the process restarts; replicas behind one address need a shared secret.
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Log.info("console: no hotline.console.session.secret, sessions are signed with a random key");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The cookie value for a session. */
    public String encode(Staff staff) {
        try {
            byte[] body = json.writeValueAsBytes(new Payload(staff.subject(), staff.name(), staff.role().group(),
                    staff.tenant(), staff.unit(), staff.token(), staff.expiresAt().getEpochSecond()));
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(body);
            return encoded + "." + sign(encoded);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The session in a cookie value, when the signature holds; expiry is the caller's check. */
    public Optional<Staff> decode(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int dot = value.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String encoded = value.substring(0, dot);
        if (!MessageDigest.isEqual(sign(encoded).getBytes(StandardCharsets.US_ASCII),
                value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            Payload p = json.readValue(Base64.getUrlDecoder().decode(encoded), Payload.class);
            return StaffRole.ofGroup(p.role()).map(role -> new Staff(p.sub(), p.name(), role, p.tenant(), p.unit(),
                    p.token(), Instant.ofEpochSecond(p.exp())));
        } catch (java.io.IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(data.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
