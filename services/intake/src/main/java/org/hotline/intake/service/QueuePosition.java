package org.hotline.intake.service;

import java.time.Instant;
import java.util.UUID;

/** A caller's place in its queue and an honest wait estimate, with the sentence the IVR can say. */
public record QueuePosition(String callId, String state, String tenant, String regionCode, long position,
        long callsAhead, Integer estimatedWaitSeconds, int agentsOnDuty, int agentsAvailable,
        int averageHandleSeconds, Double probabilityOfWaiting, Integer averageWaitSeconds, boolean serviceOpen,
        Instant nextOpeningAt, boolean callbackOffered, UUID callbackId, String announcement) {
}
