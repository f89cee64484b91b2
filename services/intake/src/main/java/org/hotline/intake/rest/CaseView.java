package org.hotline.intake.rest;

import java.time.Instant;
import java.util.UUID;
import org.hotline.intake.domain.HandOff;

/** A case handed to routing, for staff: hand-off state, work order and query code. */
public record CaseView(UUID contactId, String queryCode, String handOffStatus, int attempts, String lastError,
        String workOrderId, String workOrderStatus, String agencyResponsible, Instant expectedAt, String category) {

    public static CaseView of(HandOff h) {
        return new CaseView(h.contactId, h.queryCode, h.status.name(), h.attempts, h.lastError, h.workOrderId,
                h.workOrderStatus, h.agencyResponsible, h.expectedAt, h.category.name());
    }
}
