package org.hotline.intake.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.hotline.common.audit.AuditAction;
import org.hotline.common.audit.Audited;
import org.hotline.common.audit.AuditedCase;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.common.security.TenantContext;
import org.hotline.intake.service.ServiceHoursCalendar;
import org.hotline.intake.service.ServiceHoursSettings;
import org.hotline.intake.service.WeeklyHours;

/**
 * A province's human service hours (人工服务时间): its staff and the national operator read them, its administrator
 * and the operator change them. Holidays and 调休 are routing's calendar ({@code /api/v1/calendars/{tenant}/days}).
 */
@Path("/api/v1/service-hours")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceHoursResource {

    private final ServiceHoursSettings settings;
    private final ServiceHoursCalendar calendar;
    private final TenantContext tenants;

    public ServiceHoursResource(ServiceHoursSettings settings, ServiceHoursCalendar calendar, TenantContext tenants) {
        this.settings = settings;
        this.calendar = calendar;
        this.tenants = tenants;
    }

    /** New hours of a province; a blank zone or absent days keep the current ones. */
    // The example is the configured default: the fuzz test sends it (mutated) with a tenant-admin token of 37, and a
    // mutation that stays valid must not change the hours other tests of that province rely on.
    @Schema(name = "ServiceHoursRequest", example = "{\"zone\":\"Asia/Shanghai\",\"open\":\"09:00\",\"close\":\"17:00\","
            + "\"lunchBreakStart\":\"12:00\",\"lunchBreakEnd\":\"13:00\",\"days\":[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\","
            + "\"THURSDAY\",\"FRIDAY\"]}")
    public record ServiceHoursRequest(String zone, String open, String close, String lunchBreakStart,
            String lunchBreakEnd, List<String> days) {
    }

    /** A province's hours, whether they are its own ({@code PROVINCE}) or the configured default, and the line now. */
    @Schema(name = "ServiceHours", example = "{\"tenant\":\"37\",\"zone\":\"Asia/Shanghai\",\"open\":\"08:30\","
            + "\"close\":\"17:30\",\"lunchBreakStart\":\"12:00\",\"lunchBreakEnd\":\"13:30\",\"days\":[\"MONDAY\","
            + "\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\"],\"periods\":[\"08:30-12:00\",\"13:30-17:30\"],"
            + "\"source\":\"PROVINCE\",\"version\":7,\"updatedBy\":\"admin@37\",\"updatedAt\":\"2026-11-23T08:00:00Z\","
            + "\"openNow\":true,\"nextOpeningAt\":null}")
    public record ServiceHoursView(String tenant, String zone, String open, String close, String lunchBreakStart,
            String lunchBreakEnd, List<String> days, List<String> periods, String source, long version,
            String updatedBy, Instant updatedAt, boolean openNow, Instant nextOpeningAt) implements AuditedCase {

        @Override
        public String auditId() {
            return tenant;
        }

        @Override
        public String auditTenant() {
            return tenant;
        }
    }

    @GET
    @RolesAllowed({ Roles.AGENT, Roles.HANDLER, Roles.LEADER, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "A province's service hours (its own, or the configured default) and whether the line is open now",
            description = "Staff read their own province's; the national operator names one with ?tenant=. Holidays and "
                    + "调休 come from routing's calendar and are not part of this answer.")
    @APIResponse(responseCode = "200", description = "The hours; source PROVINCE (set here) or CONFIGURED (default)")
    public Uni<ServiceHoursView> get(
            @Parameter(description = "Province (national callers only; required for them)", example = "37")
            @QueryParam("tenant") String tenant) {
        String province = province(tenant);
        return settings.current(province).map(this::view);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Audited(resource = "service-hours", action = AuditAction.UPDATE)
    @Operation(summary = "Set a province's service hours: opening, closing, lunch break, working days",
            description = "Times on the 24-hour clock (HH:mm; close may be 24:00); open before close; the lunch break, "
                    + "if any, inside them. Every replica applies the change within hotline.intake.service-hours-refresh "
                    + "(10 s); the one answering at once. Recorded in the access audit (resource service-hours).")
    @APIResponse(responseCode = "200", description = "The hours as stored, source PROVINCE")
    @APIResponse(responseCode = "400", description = "Malformed or inconsistent times (problem+json naming the fields)")
    public Uni<ServiceHoursView> put(
            @Parameter(description = "Province (national callers only; required for them)", example = "37")
            @QueryParam("tenant") String tenant,
            @NotNull(message = "a JSON body is required") ServiceHoursRequest body) {
        String province = province(tenant);
        if (body == null) {
            throw ProblemException.badRequest("body-missing", "Send the hours as JSON, e.g. {\"open\":\"08:30\","
                    + "\"close\":\"17:30\",\"lunchBreakStart\":\"12:00\",\"lunchBreakEnd\":\"13:30\"}.");
        }
        return settings.current(province).flatMap(current -> settings.change(province, WeeklyHours.parse(body.zone(),
                body.open(), body.close(), body.lunchBreakStart(), body.lunchBreakEnd(), body.days(), current.hours()),
                tenants.subject())).map(this::view);
    }

    /** The caller's province, or the one a national caller names (required: hours are per province). */
    private String province(String requested) {
        if (requested != null && !requested.isBlank() && !requested.matches("\\d{2}")) {
            throw ProblemException.invalidField("tenant", "must be a 2-digit province code such as 37");
        }
        String province = tenants.effectiveTenant(requested);
        if (Roles.NATIONAL.equals(province)) {
            throw ProblemException.invalidField("tenant", "is required for national callers: the province whose hours "
                    + "to read or set, e.g. ?tenant=37");
        }
        return province;
    }

    private ServiceHoursView view(ServiceHoursSettings.Effective e) {
        WeeklyHours h = e.hours();
        Instant now = Instant.now();
        boolean open = calendar.isOpen(e.tenant(), now);
        return new ServiceHoursView(e.tenant(), h.zone(), WeeklyHours.format(h.open()), WeeklyHours.format(h.close()),
                WeeklyHours.format(h.lunchStart()), WeeklyHours.format(h.lunchEnd()), h.dayNames(), h.periodTexts(),
                e.configured() ? "CONFIGURED" : "PROVINCE", e.version(), e.updatedBy(), e.updatedAt(), open,
                open ? null : calendar.nextOpening(e.tenant(), now));
    }
}
