package org.hotline.knowledge.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.hotline.knowledge.domain.Institution;
import org.hotline.knowledge.domain.InstitutionType;

/** A directory entry as staff see it, with each phone's freshness. */
public record InstitutionView(UUID id, String tenant, String regionCode, String name, InstitutionType type,
        String address, String hours, List<PhoneView> phones, boolean needsVerification) {

    /** A phone with when it was last verified, its dead-number reports, and whether it is withheld or stale. */
    public record PhoneView(UUID id, String phone, String label, OffsetDateTime lastVerifiedAt, int deadReports,
            boolean withheld, boolean stale) {
    }

    static InstitutionView of(Institution i, OffsetDateTime staleBefore) {
        List<PhoneView> phones = i.phones.stream().map(p -> new PhoneView(p.id, p.phone, p.label, p.lastVerifiedAt,
                p.deadReports, p.withheld, p.lastVerifiedAt == null || p.lastVerifiedAt.isBefore(staleBefore))).toList();
        return new InstitutionView(i.id, i.tenant, i.regionCode, i.name, i.type, i.address, i.hours, phones,
                phones.stream().anyMatch(p -> p.withheld() || p.stale()));
    }
}
