package org.hotline.system.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtSignatureBuilder;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import org.hotline.system.ServiceProcess;
import org.hotline.testing.TestKeys;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Key rotation without downtime (issue 12, docs/security.md): deployed with {@code jwt.verificationKeys: jwks}, the
 * chart gives a service a JSON Web Key Set holding the current key and the next one; tokens signed with either verify
 * when they name their key ({@code kid}: the services put {@code jwt.signingKeyId} in their own), and a token signed
 * with any other key, or naming no key, does not (SmallRye JWT picks the key of a set by kid).
 */
class KeyRotationIT {

    private static final String REGION = "/api/v1/regions/370300";
    private static KeyPair next;
    private static ServiceProcess routing;

    @BeforeAll
    static void startWithTwoVerificationKeys() throws NoSuchAlgorithmException {
        next = newKeyPair();
        String jwks = "{\"keys\":[" + jwk(testPublicKey(), "test") + ","
                + jwk((RSAPublicKey) next.getPublic(), "next") + "]}";
        ServiceProcess.resetDatabase("routing", "_it2");
        routing = ServiceProcess.of("routing").with("hotline.db.suffix", "_it2")
                .withChartValue("jwt.verificationKeys", "jwks")
                .withChartValue("jwt.publicKeys", jwks)
                .withChartValue("jwt.signingKeyId", "test")
                .start();
    }

    @AfterAll
    static void stop() {
        if (routing != null) {
            routing.stop();
        }
    }

    @Test
    void chartGivesTheServiceTheKeySetFileAndTheKidOfItsSigningKey() {
        assertTrue(routing.environment().get("HOTLINE_JWT_PUBLIC_KEY").endsWith("/etc/hotline/jwt/publicKeys.json"),
                routing.environment().get("HOTLINE_JWT_PUBLIC_KEY"));
        org.junit.jupiter.api.Assertions.assertEquals("test", routing.environment().get("HOTLINE_JWT_KEY_ID"));
    }

    @Test
    void tokensOfTheCurrentAndTheNextKeyBothVerifyWhenTheyNameTheirKey() {
        java.util.Map<String, String> tokens = new java.util.LinkedHashMap<>();
        tokens.put("current key, kid test", sign(TestKeys.get().privateKey(), "test"));
        tokens.put("next key, kid next", sign(next.getPrivate(), "next"));
        tokens.put("current key, no kid", sign(TestKeys.get().privateKey(), null));
        tokens.put("next key, no kid", sign(next.getPrivate(), null));
        java.util.Map<String, Integer> statuses = new java.util.LinkedHashMap<>();
        tokens.forEach((what, token) -> statuses.put(what, given().header("Authorization", "Bearer " + token)
                .when().get(routing.baseUrl() + REGION).then().extract().statusCode()));
        java.util.Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        tokens.keySet().forEach(k -> expected.put(k, k.contains("no kid") ? 401 : 200));
        org.junit.jupiter.api.Assertions.assertEquals(expected, statuses);
    }

    @Test
    void tokenOfAnyOtherKeyIsRefusedWhateverKidItClaims() throws NoSuchAlgorithmException {
        PrivateKey stranger = newKeyPair().getPrivate();
        for (String kid : new String[] { "next", "test", "other", null }) {
            given().header("Authorization", "Bearer " + sign(stranger, kid))
                    .when().get(routing.baseUrl() + REGION)
                    .then().statusCode(401);
        }
        given().header("Authorization", TestTokens.bearer("agent", "37"))
                .when().get(routing.baseUrl() + REGION).then().statusCode(200);
    }

    private static String sign(PrivateKey key, String kid) {
        JwtSignatureBuilder builder = Jwt.issuer(TestTokens.ISSUER).upn("agent@37").groups("agent")
                .claim("tenant", "37").expiresIn(Duration.ofMinutes(10)).jws();
        if (kid != null) {
            builder = builder.keyId(kid);
        }
        return builder.sign(key);
    }

    /** The test key pair's public key, from its PEM file. */
    private static RSAPublicKey testPublicKey() {
        try {
            String pem = java.nio.file.Files.readString(TestKeys.get().publicKeyFile())
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) java.security.KeyFactory.getInstance("RSA")
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKeyPair() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** One RSA public key as a JWK (RFC 7517) for RS256. */
    static String jwk(RSAPublicKey key, String kid) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
                + url.encodeToString(unsigned(key.getModulus().toByteArray())) + "\",\"e\":\""
                + url.encodeToString(unsigned(key.getPublicExponent().toByteArray())) + "\"}";
    }

    private static byte[] unsigned(byte[] bytes) {
        return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
