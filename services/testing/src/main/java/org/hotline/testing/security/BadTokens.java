package org.hotline.testing.security;

import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.hotline.testing.TestKeys;
import org.hotline.testing.TestTokens;

/**
 * Tokens every service must refuse with 401 whatever the endpoint, each broken in one way only (the rest is a valid
 * platform-operator token): wrong issuer, foreign audience, another key's signature, a tampered payload, algorithm
 * {@code none}, HMAC signed with the RSA public key (key confusion), expired, not yet valid, issued in the future,
 * no tenant, and what is not a bearer JWT at all.
 */
public final class BadTokens {

    private BadTokens() {
    }

    /** The Authorization header values by what is wrong with them. */
    public static Map<String, String> all() {
        Map<String, String> out = new LinkedHashMap<>();
        Instant now = Instant.now();
        out.put("wrong issuer", bearer(Jwt.issuer("https://attacker.example").upn("x").groups("platform-operator")
                .claim("tenant", "*").expiresIn(Duration.ofHours(1)).jws().keyId("test").sign(TestKeys.get().privateKey())));
        out.put("foreign audience", bearer(valid().audience("https://another-system.example").jws().keyId("test")
                .sign(TestKeys.get().privateKey())));
        out.put("another key's signature", "Bearer " + TestTokens.forged("platform-operator", "*"));
        out.put("tampered payload", bearer(tampered()));
        out.put("alg none", bearer(unsigned()));
        out.put("HS256 signed with the RSA public key", bearer(keyConfusion()));
        out.put("expired", bearer(Jwt.issuer(TestTokens.ISSUER).upn("x").groups("platform-operator").claim("tenant", "*")
                .issuedAt(now.minus(Duration.ofHours(3))).expiresAt(now.minus(Duration.ofHours(2))).jws().keyId("test")
                .sign(TestKeys.get().privateKey())));
        out.put("not yet valid", bearer(valid().claim("nbf", now.plus(Duration.ofHours(2)).getEpochSecond()).jws()
                .keyId("test").sign(TestKeys.get().privateKey())));
        out.put("issued in the future", bearer(Jwt.issuer(TestTokens.ISSUER).upn("x").groups("platform-operator")
                .claim("tenant", "*").issuedAt(now.plus(Duration.ofHours(24))).expiresAt(now.plus(Duration.ofHours(25)))
                .jws().keyId("test").sign(TestKeys.get().privateKey())));
        out.put("no tenant", bearer(Jwt.issuer(TestTokens.ISSUER).upn("x").groups("platform-operator")
                .expiresIn(Duration.ofHours(1)).jws().keyId("test").sign(TestKeys.get().privateKey())));
        out.put("not a JWT", "Bearer not-a-token");
        out.put("Basic credentials", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes()));
        return out;
    }

    private static io.smallrye.jwt.build.JwtClaimsBuilder valid() {
        return Jwt.issuer(TestTokens.ISSUER).upn("x").groups("platform-operator").claim("tenant", "*")
                .expiresIn(Duration.ofHours(1));
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    /** A valid token of tenant 37 whose payload is changed to tenant * after signing. */
    private static String tampered() {
        String token = Jwt.issuer(TestTokens.ISSUER).upn("x").groups("platform-operator").claim("tenant", "37")
                .expiresIn(Duration.ofHours(1)).jws().keyId("test").sign(TestKeys.get().privateKey());
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"37\"", "\"*\"");
        return parts[0] + "." + b64(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static String unsigned() {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64(payload().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** HS256 over the same claims, keyed with the bytes of the service's public key file (the classic confusion). */
    private static String keyConfusion() {
        try {
            byte[] secret = Files.readAllBytes(TestKeys.get().publicKeyFile());
            String signingInput = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"test\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + b64(payload().getBytes(StandardCharsets.UTF_8));
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signingInput + "." + b64(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String payload() {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + TestTokens.ISSUER + "\",\"upn\":\"x\",\"groups\":[\"platform-operator\"],\"tenant\":\"*\","
                + "\"iat\":" + now + ",\"exp\":" + (now + 3600) + ",\"jti\":\"" + java.util.UUID.randomUUID() + "\"}";
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Roles of the staff, each with its usual tenant. */
    public static Map<String, String> staffRoles() {
        Map<String, String> roles = new LinkedHashMap<>();
        for (String role : new String[] { "agent", "handler", "evaluator", "leader", "tenant-admin" }) {
            roles.put(role, "37");
        }
        roles.put("platform-operator", "*");
        roles.put("service", "*");
        return roles;
    }
}
