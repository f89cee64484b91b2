package org.hotline.knowledge.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.knowledge.service.DeadNumberReports;
import org.hotline.knowledge.service.InstitutionDirectory;
import org.hotline.common.security.TenantContext;
import org.hotline.knowledge.service.InstitutionDirectory.Reporter;
import org.hotline.knowledge.service.InstitutionDirectory.ReportSource;
import org.hotline.knowledge.service.WithheldNumbers;

/** "Wrong or dead number" reports from agents, citizens' feedback and mystery-shopper audits. */
@Path("/api/v1/dead-number-reports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.AGENT, Roles.EVALUATOR, Roles.HANDLER, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR,
        Roles.SERVICE })
public class DeadNumberReportResource {

    private final InstitutionDirectory directory;
    private final TenantContext tenant;
    private final WithheldNumbers withheld;
    private final DeadNumberReports reports;

    public DeadNumberReportResource(InstitutionDirectory directory, TenantContext tenant, WithheldNumbers withheld,
            DeadNumberReports reports) {
        this.reports = reports;
        this.directory = directory;
        this.tenant = tenant;
        this.withheld = withheld;
    }

    /** A report. {@code reportId} (or the Idempotency-Key header) makes retries count once. */
    public record DeadNumberReportInput(String phone, UUID institutionId, String source, String reportId, String note) {
    }

    @GET
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.LEADER, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "List dead-number reports", description = "Reports about the caller's province's directory "
            + "entries (the platform operator: all), newest first; `phone` (any common form) or `institutionId` narrow "
            + "it. A reporter's repeated report is listed with `counted` false.")
    public Uni<DeadNumberReports.ReportPage> list(@QueryParam("phone") String phone,
            @QueryParam("institutionId") UUID institutionId, @QueryParam("page") String pageParam,
            @QueryParam("size") String sizeParam) {
        return reports.list(tenant.isNational() ? null : tenant.tenant(), phone, institutionId,
                QueryValues.integer("page", pageParam, 0), QueryValues.integer("size", sizeParam, 50));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report a wrong or dead number", description = "Reports count once per reporter and only "
            + "from the number's own province (the platform operator and services for audits: any). After the "
            + "configured number of distinct reporters (default 3) the number is withheld from automatic answers, and "
            + "replaced in article text, until its owner verifies it.")
    public Uni<Response> report(DeadNumberReportInput input, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (input == null) {
            throw ProblemException.badRequest("body-required", "Send the report as a JSON body.");
        }
        ReportSource source;
        try {
            source = input.source() == null ? ReportSource.AGENT : ReportSource.valueOf(input.source().strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("source", "must be one of AGENT, CITIZEN, AUDIT");
        }
        String reportId = input.reportId() != null ? input.reportId() : idempotencyKey;
        Reporter reporter = new Reporter(tenant.subject(), tenant.tenant(), tenant.isNational()
                && (tenant.hasRole(Roles.PLATFORM_OPERATOR) || tenant.hasRole(Roles.SERVICE)));
        return directory.reportDead(input.phone(), input.institutionId(), source, reportId, input.note(), reporter)
                // Seen at once by this replica's next answer; other replicas follow the change notification.
                .call(o -> o.withheld() ? withheld.reload() : Uni.createFrom().voidItem())
                .map(o -> Response.created(URI.create("/api/v1/institutions/" + o.institutionId())).entity(o).build());
    }
}
