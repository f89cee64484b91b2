package org.hotline.knowledge;

import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import org.hotline.testing.TestKeys;
import org.hotline.testing.TestTokens;

/** Tokens of distinct people of one role and tenant (TestTokens gives every agent of a tenant the same subject). */
final class Reporters {

    private Reporters() {
    }

    static String bearer(String role, String tenant, String subject) {
        return "Bearer " + Jwt.issuer(TestTokens.ISSUER).upn(subject).subject(subject).groups(role)
                .claim("tenant", tenant).expiresIn(Duration.ofHours(1)).jws().keyId("test")
                .sign(TestKeys.get().privateKey());
    }
}
