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

    /** The audit table's columns, in the order of {@link Entry#values}. */
    public static final String COLUMNS =
            "at, tenant, subject, roles, caller_tenant, action, resource_type, resource_id, request_id";

    private static final String INSERT = "INSERT INTO access_audit (" + COLUMNS + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
    private static final String REQUEST_ID_KEY = "hotline.request-id";
    /** Roles in the order that names a caller best, for the {@code roles} column. */
    private static final List<String> ROLES = List.of(Roles.PLATFORM_OPERATOR, Roles.TENANT_ADMIN, Roles.AGENT,
            Roles.HANDLER, Roles.EVALUATOR, Roles.LEADER, Roles.SERVICE);

    /**
     * Who is doing what to which kind of case, taken from the current request; the case's id and tenant are added by
     * {@link #values} once known (a new contact's tenant is known only after its region is resolved).
     */
    public record Entry(OffsetDateTime at, String subject, String roles, String callerTenant, AuditAction action,
            String resourceType, String requestId) {

        /** The row in the order of {@link #COLUMNS}. */
        public List<Object> values(String id, String tenant) {
            return List.of(at, tenant, clip(subject, 255), roles, clip(callerTenant, 2), action.name(), resourceType,
                    clip(id, 64), requestId);
        }
    }

    /**
     * The entry of the current caller for {@code action} on a case of {@code resourceType}; call it on the request's
     * thread. A writer that stores a case and its audit row in one statement uses this (intake's contacts).
     */
    public Entry entry(AuditAction action, String resourceType) {
        SecurityIdentity identity = CallerTenant.currentIdentity();
        String subject = identity == null || identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        String roles = identity == null ? "" : String.join(",", new TreeSet<>(ROLES.stream()
                .filter(identity::hasRole).toList()));
        String callerTenant = identity == null || identity.isAnonymous() ? "" : tenantClaim(identity);
        return new Entry(OffsetDateTime.now(ZoneOffset.UTC), subject, roles, callerTenant, action, resourceType,
                requestId());
    }

    /** Records that the current caller did {@code action} to the case {@code resourceType}/{@code id} of {@code tenant}. */
    public Uni<Void> record(AuditAction action, String resourceType, String id, String tenant) {
        return record(entry(action, resourceType), id, tenant);
    }

    /** Records an entry taken earlier for the case {@code id} of {@code tenant}. */
    public Uni<Void> record(Entry entry, String id, String tenant) {
        List<Object> values = entry.values(id, tenant);
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(INSERT);
            for (int i = 0; i < values.size(); i++) {
                query.setParameter(i + 1, values.get(i));
            }
            return query.executeUpdate();
        })).replaceWithVoid();
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
