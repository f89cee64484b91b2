package org.hotline.intake.rest;

import java.time.Instant;
import java.util.UUID;
import org.hotline.common.audit.AuditedCase;
import org.hotline.common.phone.PhoneNumber;
import org.hotline.intake.domain.Contact;

/** A contact as the API shows it. */
public record ContactView(UUID id, String tenant, String channel, String dialedNumber, String callerNumber,
        RegionView region, Instant registeredAt) implements AuditedCase {

    @Override
    public String auditId() {
        return id.toString();
    }

    @Override
    public String auditTenant() {
        return tenant;
    }

    /** The contact's region and how it was decided. */
    public record RegionView(String status, String poolingRegionCode, String poolingRegionName, String provinceCode,
            String provinceName, String decidedBy, int attempts) {
    }

    /** Full view, for one contact. */
    public static ContactView of(Contact c) {
        return of(c, c.callerNumber);
    }

    /** List view: the caller's number masked. */
    public static ContactView masked(Contact c) {
        return of(c, PhoneNumber.mask(c.callerNumber));
    }

    private static ContactView of(Contact c, String callerNumber) {
        return new ContactView(c.id, c.tenant, c.channel.name(), c.dialedNumber, callerNumber,
                new RegionView(c.regionStatus.name(), c.poolingRegionCode, c.poolingRegionName, c.provinceCode,
                        c.provinceName, c.regionDecidedBy, c.resolutionAttempts),
                c.createdAt);
    }
}
