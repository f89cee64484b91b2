package org.hotline.knowledge.grpc;

import io.quarkus.grpc.GrpcService;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.util.UUID;
import org.hotline.common.grpc.ProblemStatus;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.contracts.knowledge.v1.InstitutionDirectory;
import org.hotline.contracts.knowledge.v1.ReportDeadNumberReply;
import org.hotline.contracts.knowledge.v1.ReportDeadNumberRequest;
import org.hotline.common.security.TenantContext;
import org.hotline.knowledge.service.InstitutionDirectory.Reporter;
import org.hotline.knowledge.service.InstitutionDirectory.ReportSource;
import org.hotline.knowledge.service.WithheldNumbers;

/** Takes dead-number reports from evaluation's audits and intake over gRPC. */
@GrpcService
@RolesAllowed({ Roles.SERVICE, Roles.AGENT, Roles.EVALUATOR, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
public class InstitutionDirectoryGrpcService implements InstitutionDirectory {

    private final org.hotline.knowledge.service.InstitutionDirectory directory;
    private final CurrentIdentityAssociation identities;
    private final WithheldNumbers withheld;

    public InstitutionDirectoryGrpcService(org.hotline.knowledge.service.InstitutionDirectory directory,
            CurrentIdentityAssociation identities, WithheldNumbers withheld) {
        this.directory = directory;
        this.identities = identities;
        this.withheld = withheld;
    }

    @Override
    public Uni<ReportDeadNumberReply> reportDeadNumber(ReportDeadNumberRequest request) {
        // The caller's identity is resolved without blocking: on gRPC's event loop the injected request-scoped
        // identity cannot be read (every call failed INTERNAL before; found by AuditCampaignIT).
        return identities.getDeferredIdentity().map(TenantContext::new).flatMap(tenant -> {
                    UUID institution = null;
                    if (!request.getInstitutionId().isBlank()) {
                        try {
                            institution = UUID.fromString(request.getInstitutionId().strip());
                        } catch (IllegalArgumentException e) {
                            throw ProblemException.invalidField("institution_id", "is not a UUID");
                        }
                    }
                    ReportSource source = switch (request.getSource()) {
                        case CITIZEN -> ReportSource.CITIZEN;
                        case AUDIT -> ReportSource.AUDIT;
                        default -> ReportSource.AGENT;
                    };
                    boolean national = tenant.isNational()
                            && (tenant.hasRole(Roles.PLATFORM_OPERATOR) || tenant.hasRole(Roles.SERVICE));
                    // A service reports on someone's behalf (evaluation's auditor): that person is the reporter.
                    String who = tenant.hasRole(Roles.SERVICE) && !request.getReporter().isBlank()
                            ? tenant.subject() + "/" + request.getReporter().strip() : tenant.subject();
                    return directory.reportDead(request.getPhone(), institution, source, request.getReportId(),
                            request.getNote(), new Reporter(who, tenant.tenant(), national));
                })
                .call(o -> o.withheld() ? withheld.reload() : Uni.createFrom().voidItem())
                .map(o -> ReportDeadNumberReply.newBuilder().setPhone(o.phone())
                        .setMatchedInstitutions(o.matchedInstitutions()).setReportCount(o.reportCount())
                        .setWithheld(o.withheld()).setCounted(o.counted()).build())
                .onFailure(e -> !(e instanceof ProblemException))
                .invoke(e -> Log.errorf(e, "gRPC dead-number report failed"))
                .onFailure().transform(ProblemStatus::toStatus);
    }
}
