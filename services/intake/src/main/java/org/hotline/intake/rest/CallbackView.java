package org.hotline.intake.rest;

import java.time.Instant;
import java.util.UUID;
import org.hotline.common.phone.PhoneNumber;
import org.hotline.intake.domain.Callback;

/** A callback (virtual hold or out-of-hours booking). */
public record CallbackView(UUID id, String callId, String tenant, String regionCode, String status, String phone,
        Instant placeAt, int attempts, String agentId, String reason, Instant createdAt, Instant completedAt) {

    public static CallbackView of(Callback c, boolean masked) {
        return new CallbackView(c.id, c.callId, c.tenant, c.regionCode, c.status.name(),
                masked ? PhoneNumber.mask(c.phone) : c.phone, c.placeAt, c.attempts, c.agentId, c.reason, c.createdAt,
                c.completedAt);
    }
}
