package org.hotline.common.audit;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hotline.common.security.Roles;
import org.hotline.common.tenancy.CallerTenant;

/**
 * Appends who read or changed which case to the service's {@code access_audit} table (append-only: a trigger
 * refuses UPDATE, DELETE and TRUNCATE). One INSERT per audited request, in the caller's transaction when there is
 * one; the {@code X-Request-Id} header (or a generated id, echoed in the response) ties the record to the request.
 */
@ApplicationScoped
public class AccessAudit {

    /** Header carrying the request id, read from the client (or the ingress) and echoed back. */
    public static final String REQUEST_ID = "X-Request-Id";

    private static final String INSERT = "INSERT INTO access_audit (at, tenant, subject, roles, caller_tenant, action, "
            + "resource_type, resource_id, request_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
    private static final String REQUEST_ID_KEY = "hotline.request-id";
    /** Roles in the order that names a caller best, for the {@code roles} column. */
    private static final List<String> ROLES = List.of(Roles.PLATFORM_OPERATOR, Roles.TENANT_ADMIN, Roles.AGENT,
            Roles.HANDLER, Roles.EVALUATOR, Roles.LEADER, Roles.SERVICE);

    /** Records that the current caller did {@code action} to the case {@code resourceType}/{@code id} of {@code tenant}. */
    public Uni<Void> record(AuditAction action, String resourceType, String id, String tenant) {
        SecurityIdentity identity = CallerTenant.currentIdentity();
        String subject = identity == null || identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        String roles = identity == null ? "" : String.join(",", new TreeSet<>(ROLES.stream()
                .filter(identity::hasRole).toList()));
        String callerTenant = identity == null || identity.isAnonymous() ? "" : tenantClaim(identity);
        String requestId = requestId();
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(INSERT)
                .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC)).setParameter(2, tenant)
                .setParameter(3, clip(subject, 255)).setParameter(4, roles).setParameter(5, clip(callerTenant, 2))
                .setParameter(6, action.name()).setParameter(7, resourceType).setParameter(8, clip(id, 64))
                .setParameter(9, requestId).executeUpdate()))
                .replaceWithVoid();
    }

    private static String tenantClaim(SecurityIdentity identity) {
        Object claim = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim(Roles.TENANT_CLAIM) : null;
        return claim == null ? "" : claim.toString().replace("\"", "");
    }

    /** The request's id: the client's {@code X-Request-Id} (clipped), else one generated once and echoed back. */
    private static String requestId() {
        InstanceHandle<CurrentVertxRequest> request = Arc.container().instance(CurrentVertxRequest.class);
        RoutingContext rc = request.isAvailable() ? request.get().getCurrent() : null;
        if (rc == null) {
            return UUID.randomUUID().toString();
        }
        String id = rc.get(REQUEST_ID_KEY);
        if (id == null) {
            String given = rc.request().getHeader(REQUEST_ID);
            id = given == null || given.isBlank() ? UUID.randomUUID().toString() : clip(given.strip(), 128);
            rc.put(REQUEST_ID_KEY, id);
            if (!rc.response().headWritten()) {
                rc.response().putHeader(REQUEST_ID, id);
            }
        }
        return id;
    }

    private static String clip(String value, int max) {
        return value == null ? "" : value.length() <= max ? value : value.substring(0, max);
    }
}
