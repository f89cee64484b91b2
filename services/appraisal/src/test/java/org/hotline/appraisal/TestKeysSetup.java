package org.hotline.appraisal;

import io.quarkus.test.common.QuarkusTestResource;
import org.hotline.testing.JwtKeysTestResource;

/** Gives every test of this module the throw-away signing keys. */
@QuarkusTestResource(JwtKeysTestResource.class)
public class TestKeysSetup {
}
