package org.hotline.testing.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.grpc.BindableService;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who may knock (issue 12), for a service's {@code @QuarkusTest} subclass: on every REST operation of its OpenAPI
 * document and every gRPC method it serves (the event feed included), no token, a wrong issuer or audience, another
 * key's signature, a tampered payload, {@code alg: none}, HS256 signed with the RSA public key, expired, not yet
 * valid, issued in the future, no tenant: 401 or UNAUTHENTICATED; a staff role the operation does not admit: 403 or
 * PERMISSION_DENIED.
 */
public abstract class AuthenticationMatrixContract {

    @TestHTTPResource("/")
    protected URI base;

    @Inject
    @Any
    protected Instance<BindableService> grpcServices;

    /** The service's name for the printed summary: the last segment of the subclass's package. */
    private String service() {
        String p = getClass().getPackageName();
        return p.substring(p.lastIndexOf('.') + 1);
    }

    @Test
    void everyRestOperationRefusesBadTokensWith401AndOtherRolesWith403() {
        RestAuthenticationMatrix matrix = RestAuthenticationMatrix.of(base);
        List<String> violations = matrix.violations();
        System.out.printf("REST authentication matrix of %s: %d operations, %d requests%n", service(),
                matrix.operations().size(), matrix.checked());
        assertEquals(List.of(), violations, violations.size() + " cells of the matrix answered otherwise");
    }

    @Test
    void everyGrpcMethodRefusesBadTokensAsUnauthenticatedAndOtherRolesAsPermissionDenied() {
        GrpcAuthenticationMatrix matrix = GrpcAuthenticationMatrix.of(grpcServices.stream().toList(), base.getHost(),
                base.getPort());
        List<String> violations = matrix.violations();
        System.out.printf("gRPC authentication matrix of %s: methods %s, %d calls%n", service(), matrix.methods(),
                matrix.checked());
        assertFalse(matrix.methods().isEmpty(), "no gRPC method found to check");
        assertEquals(List.of(), violations, violations.size() + " cells of the matrix answered otherwise");
    }
}
