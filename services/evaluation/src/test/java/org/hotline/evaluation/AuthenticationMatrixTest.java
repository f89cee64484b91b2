package org.hotline.evaluation;

import io.quarkus.test.junit.QuarkusTest;
import org.hotline.testing.security.AuthenticationMatrixContract;

/** Who may knock on evaluation's REST operations and gRPC methods: the shared matrix of issue 12. */
@QuarkusTest
class AuthenticationMatrixTest extends AuthenticationMatrixContract {
}
