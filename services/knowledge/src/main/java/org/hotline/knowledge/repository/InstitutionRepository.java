package org.hotline.knowledge.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.hotline.knowledge.domain.Institution;
import org.hotline.knowledge.domain.InstitutionPhone;
import org.hotline.knowledge.domain.InstitutionType;

/** Reads and writes directory entries. */
@ApplicationScoped
public class InstitutionRepository implements PanacheRepositoryBase<Institution, UUID> {

    /** A page of entries and the total. */
    public record InstitutionPage(List<Institution> items, long total) {
    }

    /**
     * Entries within a region (a province or city code covers its cities and districts), of a type, whose name or
     * address contains {@code q}; with {@code attention}, only entries with a withheld or stale number.
     */
    public Uni<InstitutionPage> search(String regionPrefix, InstitutionType type, String q, boolean attention,
            OffsetDateTime staleBefore, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (regionPrefix != null) {
            where.append(" and regionCode like :region");
            params.and("region", regionPrefix + "%");
        }
        if (type != null) {
            where.append(" and type = :type");
            params.and("type", type);
        }
        if (q != null) {
            where.append(" and (lower(name) like :q or lower(address) like :q)");
            params.and("q", "%" + q.toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (attention) {
            where.append(" and exists (select p from InstitutionPhone p where p.institution = i and (p.withheld = true"
                    + " or p.lastVerifiedAt is null or p.lastVerifiedAt < :staleBefore))");
            params.and("staleBefore", staleBefore);
        }
        var query = find("from Institution i where " + where + " order by i.regionCode, i.name", params);
        return query.count().flatMap(total -> query.page(Page.of(page, size)).list()
                .map(list -> new InstitutionPage(list, total)));
    }

    /** Every phone with this normalised number, optionally only of one entry. */
    public Uni<List<InstitutionPhone>> phonesByNumber(String phone, UUID institutionId) {
        return institutionId == null
                ? InstitutionPhone.list("phone", phone)
                : InstitutionPhone.list("phone = ?1 and institution.id = ?2", phone, institutionId);
    }
}
