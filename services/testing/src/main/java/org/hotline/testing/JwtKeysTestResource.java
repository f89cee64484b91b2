package org.hotline.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the service under test at this JVM's throw-away key pair, for verifying and for minting service tokens. */
public class JwtKeysTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestKeys keys = TestKeys.get();
        return Map.of(
                "mp.jwt.verify.publickey.location", keys.publicKeyFile().toString(),
                "smallrye.jwt.sign.key.location", keys.privateKeyFile().toString());
    }

    @Override
    public void stop() {
        // The key files are deleted when the JVM exits; other test classes may still use them.
    }
}
