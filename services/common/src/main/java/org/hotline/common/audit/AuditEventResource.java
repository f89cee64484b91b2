package org.hotline.common.audit;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.common.security.TenantContext;

/**
 * The access audit of the cases this service owns: the national operator reads every province's (or one with
 * {@code ?tenant=}), a tenant admin only its own province's. Newest first.
 */
@Path("/api/v1/audit-events")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "hotline.audit.enabled", stringValue = "true")
public class AuditEventResource {

    /** One audit record. */
    public record AuditEvent(long id, Instant at, String tenant, String subject, String roles, String callerTenant,
            String action, String resourceType, String resourceId, String requestId) {
    }

    /** One page of records, with the total matching the filters. */
    public record AuditEventPage(List<AuditEvent> items, int page, int size, long total) {
    }

    private static final String COLUMNS = "id, at, tenant, subject, roles, caller_tenant, action, resource_type, "
            + "resource_id, request_id";

    private final TenantContext tenants;

    public AuditEventResource(TenantContext tenants) {
        this.tenants = tenants;
    }

    @GET
    @RolesAllowed({ Roles.PLATFORM_OPERATOR, Roles.TENANT_ADMIN })
    @Operation(summary = "Who read or changed which case (access audit), newest first",
            description = "platform-operator: every province (?tenant= to narrow); tenant-admin: its own province only "
                    + "(another province's ?tenant= is 403). Filters combine; from is inclusive, to exclusive.")
    public Uni<AuditEventPage> list(
            @Parameter(example = "contact") @QueryParam("resourceType") String resourceType,
            @QueryParam("resourceId") String resourceId,
            @Parameter(example = "agent-0042") @QueryParam("subject") String subject,
            @Parameter(example = "2026-11-01T00:00:00Z") @QueryParam("from") String from,
            @Parameter(example = "2026-12-01T00:00:00Z") @QueryParam("to") String to,
            @Parameter(description = "Province (national callers only)", example = "37") @QueryParam("tenant") String tenant,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0 || size < 1 || size > 500) {
            throw ProblemException.badRequest("paging-invalid", "page must be 0 or more and size between 1 and 500.");
        }
        String effective = tenants.effectiveTenant(tenant);
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (!Roles.NATIONAL.equals(effective)) {
            params.add(effective);
            where.append(" AND tenant = ?").append(params.size());
        }
        add(where, params, "resource_type = ?", resourceType);
        add(where, params, "resource_id = ?", resourceId);
        add(where, params, "subject = ?", subject);
        add(where, params, "at >= ?", instant("from", from));
        add(where, params, "at < ?", instant("to", to));
        String select = "SELECT " + COLUMNS + " FROM access_audit" + where + " ORDER BY at DESC, id DESC LIMIT "
                + size + " OFFSET " + ((long) page * size);
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> {
            var rows = session.createNativeQuery(select, Object[].class);
            var count = session.createNativeQuery("SELECT count(*) FROM access_audit" + where, Long.class);
            for (int i = 0; i < params.size(); i++) {
                rows.setParameter(i + 1, params.get(i));
                count.setParameter(i + 1, params.get(i));
            }
            return rows.getResultList().flatMap(list -> count.getSingleResult().map(total -> new AuditEventPage(
                    list.stream().map(AuditEventResource::event).toList(), page, size, total)));
        }));
    }

    private static void add(StringBuilder where, List<Object> params, String condition, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            return;
        }
        params.add(value);
        where.append(" AND ").append(condition).append(params.size());
    }

    private static OffsetDateTime instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(name, "must be an ISO 8601 instant such as 2026-11-01T00:00:00Z");
        }
    }

    private static AuditEvent event(Object[] row) {
        Object at = row[1];
        Instant instant = at instanceof OffsetDateTime o ? o.toInstant() : at instanceof Instant i ? i
                : Instant.parse(at.toString());
        return new AuditEvent(((Number) row[0]).longValue(), instant, (String) row[2], (String) row[3], (String) row[4],
                (String) row[5], (String) row[6], (String) row[7], (String) row[8], (String) row[9]);
    }
}
