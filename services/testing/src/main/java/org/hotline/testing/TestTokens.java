package org.hotline.testing;

import io.smallrye.jwt.build.Jwt;
import java.time.Duration;

/** Bearer tokens signed with the test key pair, for any role and tenant. */
public final class TestTokens {

    /** Issuer the services verify by default. */
    public static final String ISSUER = "https://hotline.local";

    private TestTokens() {
    }

    /** A token for {@code role} in {@code tenant} (a 2-digit province code or "*"). */
    public static String token(String role, String tenant) {
        return Jwt.issuer(ISSUER)
                .upn(role + "@" + tenant.replace("*", "national"))
                .groups(role)
                .claim("tenant", tenant)
                .expiresIn(Duration.ofHours(1))
                .jws().keyId("test")
                .sign(TestKeys.get().privateKey());
    }

    /** The value of an Authorization header for {@code role} in {@code tenant}. */
    public static String bearer(String role, String tenant) {
        return "Bearer " + token(role, tenant);
    }

    /** A token signed with another key, which every service must refuse. */
    public static String forged(String role, String tenant) {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(ISSUER).upn("forger").groups(role).claim("tenant", tenant)
                    .expiresIn(Duration.ofHours(1)).sign(generator.generateKeyPair().getPrivate());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
