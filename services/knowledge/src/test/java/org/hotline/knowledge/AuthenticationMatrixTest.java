package org.hotline.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.grpc.BindableService;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import org.hotline.testing.security.GrpcAuthenticationMatrix;
import org.hotline.testing.security.RestAuthenticationMatrix;
import org.junit.jupiter.api.Test;

/**
 * Who may knock (issue 12), on every REST operation of knowledge's OpenAPI document and every gRPC method it serves (the
 * event feed included): no token, a wrong issuer or audience, another key's signature, a tampered payload, {@code alg:
 * none}, HS256 signed with the RSA public key, expired, not yet valid, issued in the future, no tenant: 401 or
 * UNAUTHENTICATED; a staff role the operation does not admit: 403 or PERMISSION_DENIED.
 */
@QuarkusTest
class AuthenticationMatrixTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    @Any
    Instance<BindableService> grpcServices;

    @Test
    void everyRestOperationRefusesBadTokensWith401AndOtherRolesWith403() {
        RestAuthenticationMatrix matrix = RestAuthenticationMatrix.of(base);
        List<String> violations = matrix.violations();
        System.out.printf("REST authentication matrix of knowledge: %d operations, %d requests%n",
                matrix.operations().size(), matrix.checked());
        assertEquals(List.of(), violations, violations.size() + " cells of the matrix answered otherwise");
    }

    @Test
    void everyGrpcMethodRefusesBadTokensAsUnauthenticatedAndOtherRolesAsPermissionDenied() {
        GrpcAuthenticationMatrix matrix = GrpcAuthenticationMatrix.of(grpcServices.stream().toList(), base.getHost(),
                base.getPort());
        List<String> violations = matrix.violations();
        System.out.printf("gRPC authentication matrix of knowledge: methods %s, %d calls%n", matrix.methods(), matrix.checked());
        assertFalse(matrix.methods().isEmpty(), "no gRPC method found to check");
        assertEquals(List.of(), violations, violations.size() + " cells of the matrix answered otherwise");
    }
}
