package org.hotline.knowledge.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.common.phone.PhoneNumber;
import org.hotline.common.problem.ProblemException;
import org.hotline.knowledge.domain.DeadNumberReport;
import org.hotline.knowledge.domain.Institution;
import org.hotline.knowledge.domain.InstitutionPhone;

/** The dead-number reports of a province's directory entries, newest first, for its owners to act on. */
@ApplicationScoped
public class DeadNumberReports {

    /**
     * One stored report with the entry and number it is about; {@code reporter} is the staff member or service (and
     * the auditor it reported for) it was counted against, absent on a repeat, which does not count.
     */
    public record ReportView(String reportId, UUID institutionId, String institutionName, String regionCode,
            String phone, String source, String note, OffsetDateTime reportedAt, boolean counted, String reporter,
            String reporterTenant) {
    }

    /** A page of reports and the total. */
    public record ReportPage(List<ReportView> items, long total, int page, int size) {
    }

    /**
     * Reports about entries of {@code tenant} ({@code null}: every province), optionally only of one number (any
     * common form) or one entry.
     */
    @WithSession
    public Uni<ReportPage> list(String tenant, String phone, UUID institutionId, int page, int size) {
        if (page < 0) {
            throw ProblemException.invalidField("page", "from 0");
        }
        if (size < 1 || size > 200) {
            throw ProblemException.invalidField("size", "1 to 200");
        }
        StringBuilder where = new StringBuilder(" from DeadNumberReport r, InstitutionPhone p join p.institution i"
                + " where p.id = r.phoneId");
        Map<String, Object> params = new HashMap<>();
        if (tenant != null) {
            where.append(" and i.tenant = :tenant");
            params.put("tenant", tenant);
        }
        if (phone != null && !phone.isBlank()) {
            String normal = PhoneNumber.normalise(phone);
            if (normal == null) {
                throw ProblemException.invalidField("phone", "'" + phone + "' is not a phone number");
            }
            where.append(" and p.phone = :phone");
            params.put("phone", normal);
        }
        if (institutionId != null) {
            where.append(" and i.id = :institution");
            params.put("institution", institutionId);
        }
        return Panache.getSession().chain(s -> {
            var count = s.createSelectionQuery("select count(r)" + where, Long.class);
            var rows = s.createSelectionQuery("select r, p, i" + where + " order by r.reportedAt desc, r.reportId",
                    Object[].class).setFirstResult(page * size).setMaxResults(size);
            params.forEach((k, v) -> {
                count.setParameter(k, v);
                rows.setParameter(k, v);
            });
            return count.getSingleResult().chain(total -> rows.getResultList().map(list -> new ReportPage(
                    list.stream().map(row -> view((DeadNumberReport) row[0], (InstitutionPhone) row[1],
                            (Institution) row[2])).toList(), total, page, size)));
        });
    }

    private static ReportView view(DeadNumberReport r, InstitutionPhone p, Institution i) {
        return new ReportView(r.reportId, i.id, i.name, i.regionCode, p.phone, r.source, r.note, r.reportedAt,
                r.reporter != null, r.reporter, r.reporterTenant);
    }
}
