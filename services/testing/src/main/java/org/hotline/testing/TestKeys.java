package org.hotline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.Base64;

/** A throw-away RSA key pair made once per test JVM and written as PEM files, so no private key is ever committed. */
public final class TestKeys {

    private static TestKeys instance;

    private final KeyPair pair;
    private final Path publicKey;
    private final Path privateKey;

    private TestKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
            Path dir = Files.createTempDirectory("hotline-test-keys");
            dir.toFile().deleteOnExit();
            publicKey = write(dir.resolve("publicKey.pem"), "PUBLIC KEY", pair.getPublic().getEncoded());
            privateKey = write(dir.resolve("privateKey.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The key pair of this JVM. */
    public static synchronized TestKeys get() {
        if (instance == null) {
            instance = new TestKeys();
        }
        return instance;
    }

    public Path publicKeyFile() {
        return publicKey;
    }

    public Path privateKeyFile() {
        return privateKey;
    }

    public PrivateKey privateKey() {
        return pair.getPrivate();
    }

    private static Path write(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        file.toFile().deleteOnExit();
        return file;
    }
}
