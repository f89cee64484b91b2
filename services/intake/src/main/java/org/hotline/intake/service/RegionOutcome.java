package org.hotline.intake.service;

import org.hotline.contracts.routing.v1.ResolvedRegion;
import org.hotline.intake.domain.RegionStatus;

/** What region resolution gave for a contact: a region, a pending retry, or an answer that no region applies. */
public record RegionOutcome(RegionStatus status, ResolvedRegion region, String error) {

    static RegionOutcome resolved(ResolvedRegion region) {
        return new RegionOutcome(RegionStatus.RESOLVED, region, null);
    }

    static RegionOutcome pending(String why) {
        return new RegionOutcome(RegionStatus.PENDING, null, why);
    }

    static RegionOutcome undetermined(String why) {
        return new RegionOutcome(RegionStatus.UNDETERMINED, null, why);
    }
}
