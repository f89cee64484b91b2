package org.hotline.routing.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.routing.service.CallerIdentity;
import org.hotline.routing.service.RegionDirectory;
import org.hotline.routing.service.RegionResolver;

/** Region resolution for agents: which pooling region a number belongs to, and why; and the directory itself. */
@Path("/api/v1/regions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.AGENT, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.SERVICE, Roles.LEADER, Roles.HANDLER })
public class RegionResource {

    private final RegionResolver resolver;
    private final RegionDirectory directory;
    private final CallerIdentity callers;

    public RegionResource(RegionResolver resolver, RegionDirectory directory, CallerIdentity callers) {
        this.resolver = resolver;
        this.directory = directory;
        this.callers = callers;
    }

    /** The answer of a resolution. */
    public record RegionAnswer(String poolingRegionCode, String poolingRegionName, String provinceCode,
            String provinceName, String tenant, String decidedBy, String areaCode) {
    }

    /** One region of the directory with its pooling region on the day asked. */
    public record RegionEntry(String code, String name, String level, String parentCode, String provinceCode,
            String poolingRegionCode, String poolingRegionName) {
    }

    @GET
    @Path("/resolve")
    @Operation(summary = "Resolve the pooling region of a contact",
            description = "Every parameter is optional. An explicit region (ivrRegionCode) wins, then the dialed "
                    + "number's area code, GB/T 2260 names in the address, the nearest region to lat/long, the "
                    + "caller's landline area code, the carrier's region, a mobile caller's home region (offline "
                    + "geocoder), and last the province central queue of fallbackTenant (PROVINCE_CENTRAL). "
                    + "decidedBy names the rule that decided; 422 region-undetermined when nothing decides.")
    public Uni<RegionAnswer> resolve(
            @Parameter(example = "0533-12393") @QueryParam("dialedNumber") String dialedNumber,
            @Parameter(example = "13905330000") @QueryParam("callerNumber") String callerNumber,
            @Parameter(example = "370300") @QueryParam("carrierRegionCode") String carrierRegionCode,
            @Parameter(example = "370300") @QueryParam("ivrRegionCode") String ivrRegionCode,
            @Parameter(example = "山东省淄博市张店区华光路") @QueryParam("address") String address,
            @Parameter(description = "WGS 84 latitude, with long", example = "36.81") @QueryParam("lat") String lat,
            @Parameter(description = "WGS 84 longitude, with lat", example = "118.05") @QueryParam("long") String lon,
            @Parameter(description = "Tenant whose province central queue takes the contact when nothing decides",
                    example = "37") @QueryParam("fallbackTenant") String fallbackTenant,
            @Parameter(description = "UTC instant the pooling is asked for; default now", example = "2026-11-23T08:00:00Z")
            @QueryParam("at") String at) {
        // Reference data, but only for a caller whose token says who and where it is (tenant, national role).
        callers.current();
        return resolver.resolve(new RegionResolver.Request(dialedNumber, callerNumber, carrierRegionCode, ivrRegionCode,
                        at, address, coordinate("lat", lat), coordinate("long", lon), fallbackTenant))
                .map(r -> new RegionAnswer(r.pooling().code, r.pooling().name, r.province().code, r.province().name,
                        r.province().tenant(), r.decidedBy().name(), r.areaCode()));
    }

    private static Double coordinate(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(raw.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(field, "'" + raw + "' is not a decimal number of degrees such as 36.81");
        }
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One region of the GB/T 2260 directory and its pooling region (统筹区) on a day")
    public Uni<RegionEntry> region(@Parameter(example = "370303") @PathParam("code") String code,
            @Parameter(example = "2026-11-23") @QueryParam("on") String on) {
        callers.current();
        LocalDate day;
        try {
            day = on == null || on.isBlank() ? LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")) : LocalDate.parse(on);
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.invalidField("on", "'" + on + "' is not a date such as 2026-11-23");
        }
        return directory.require("code", code).flatMap(r -> directory.poolingOf(r, day)
                .map(p -> new RegionEntry(r.code, r.name, r.level, r.parentCode, r.provinceCode, p.code, p.name)));
    }
}
