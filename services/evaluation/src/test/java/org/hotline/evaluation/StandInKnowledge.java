package org.hotline.evaluation;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hotline.common.phone.PhoneNumber;
import org.hotline.contracts.knowledge.v1.InstitutionDirectory;
import org.hotline.contracts.knowledge.v1.ReportDeadNumberReply;
import org.hotline.contracts.knowledge.v1.ReportDeadNumberRequest;

/**
 * Knowledge's institution directory as a stand-in, with the real service's rules for dead-number reports: NOT_FOUND
 * for a number no entry has, a report_id counted once. Tests read the counts it holds.
 */
@GrpcService
@RolesAllowed("service")
public class StandInKnowledge implements InstitutionDirectory {

    /** While true, every call fails as an unreachable knowledge would. */
    public static final AtomicBoolean DOWN = new AtomicBoolean();
    /** Numbers in the directory. */
    public static final Set<String> DIRECTORY = ConcurrentHashMap.newKeySet();
    /** Report ids counted, per normalised number. */
    public static final Map<String, Set<String>> REPORTS = new ConcurrentHashMap<>();
    /** Reporters named (knowledge counts reports once per reporter), per normalised number. */
    public static final Map<String, Set<String>> REPORTERS = new ConcurrentHashMap<>();

    @Override
    public Uni<ReportDeadNumberReply> reportDeadNumber(ReportDeadNumberRequest request) {
        if (DOWN.get()) {
            return Uni.createFrom().failure(Status.UNAVAILABLE.withDescription("knowledge is down").asRuntimeException());
        }
        String phone = PhoneNumber.normalise(request.getPhone());
        if (phone == null || !DIRECTORY.contains(phone)) {
            return Uni.createFrom().failure(Status.NOT_FOUND.withDescription("no entry has " + phone)
                    .asRuntimeException());
        }
        Set<String> ids = REPORTS.computeIfAbsent(phone, p -> ConcurrentHashMap.newKeySet());
        ids.add(request.getReportId());
        REPORTERS.computeIfAbsent(phone, p -> ConcurrentHashMap.newKeySet()).add(request.getReporter());
        return Uni.createFrom().item(ReportDeadNumberReply.newBuilder().setPhone(phone).setMatchedInstitutions(1)
                .setReportCount(ids.size()).setWithheld(ids.size() >= 3).build());
    }
}
