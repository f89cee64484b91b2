package org.hotline.routing.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hotline.common.security.Roles;
import org.hotline.routing.service.RegionResolver;

/** Region resolution for agents: which pooling region a number belongs to, and why. */
@Path("/api/v1/regions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.AGENT, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.SERVICE })
public class RegionResource {

    private final RegionResolver resolver;

    public RegionResource(RegionResolver resolver) {
        this.resolver = resolver;
    }

    /** The answer of a resolution. */
    public record RegionAnswer(String poolingRegionCode, String poolingRegionName, String provinceCode,
            String provinceName, String tenant, String decidedBy, String areaCode) {
    }

    @GET
    @Path("/resolve")
    @Operation(summary = "Resolve the pooling region of a contact",
            description = "IVR choice wins, then the dialed number's area code, the caller's landline area code, "
                    + "the carrier's caller region.")
    public Uni<RegionAnswer> resolve(
            @Parameter(example = "0533-12393") @QueryParam("dialedNumber") String dialedNumber,
            @Parameter(example = "13905330000") @QueryParam("callerNumber") String callerNumber,
            @Parameter(example = "370300") @QueryParam("carrierRegionCode") String carrierRegionCode,
            @Parameter(example = "370300") @QueryParam("ivrRegionCode") String ivrRegionCode) {
        return resolver.resolve(dialedNumber, callerNumber, carrierRegionCode, ivrRegionCode)
                .map(r -> new RegionAnswer(r.pooling().code, r.pooling().name, r.province().code, r.province().name,
                        r.province().tenant(), r.decidedBy().name(), r.areaCode()));
    }
}
