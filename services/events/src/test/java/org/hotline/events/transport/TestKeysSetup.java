package org.hotline.events.transport;

import io.quarkus.test.common.QuarkusTestResource;
import org.hotline.testing.JwtKeysTestResource;

/** Gives every test of this module the throw-away signing keys (the feed's gRPC stream needs a service token). */
@QuarkusTestResource(JwtKeysTestResource.class)
public class TestKeysSetup {
}
