package org.hotline.intake.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hotline.intake.domain.CallEventType;
import org.hotline.intake.domain.CallOutcome;
import org.hotline.common.category.ServiceCategory;

/** One event of the telephony switch (CTI) about a call. */
@Schema(name = "CallEvent", example = """
        {"eventId":"sw-7f3a-0001","callId":"call-20261123-0001","type":"OFFERED","occurredAt":"2026-11-23T02:00:00Z",
         "dialedNumber":"0533-12393","callerNumber":"13905330000","ivrRegionCode":"370300"}""")
public record CallEventRequest(
        @NotBlank(message = "is required (the switch's unique event id)") @Size(max = 64)
        @Pattern(regexp = ID, message = "may hold letters, digits and . _ : - only") String eventId,
        @NotBlank(message = "is required") @Size(max = 64)
        @Pattern(regexp = ID, message = "may hold letters, digits and . _ : - only") String callId,
        @NotNull(message = "is required (OFFERED, QUEUED, ANSWERED, ABANDONED or ENDED)") CallEventType type,
        @NotNull(message = "is required (UTC ISO 8601)") Instant occurredAt,
        @Pattern(regexp = ContactRequest.PHONE, message = "is not a phone number") String dialedNumber,
        @Pattern(regexp = ContactRequest.PHONE, message = "is not a phone number") String callerNumber,
        @Pattern(regexp = "\\d{6}", message = "must be a 6-digit GB/T 2260 region code") String carrierRegionCode,
        @Pattern(regexp = "\\d{6}", message = "must be a 6-digit GB/T 2260 region code")
        @Schema(description = "Insured region chosen in the IVR; wins over the numbers") String ivrRegionCode,
        @Pattern(regexp = "NORMAL|URGENT", message = "must be NORMAL or URGENT") String priority,
        @Size(max = 64) @Schema(description = "Agent who answered (ANSWERED, ENDED)") String agentId,
        @Schema(description = "Wrap-up category (ENDED); derived from the summary when absent") ServiceCategory category,
        @Size(max = 2000) @Schema(description = "Wrap-up summary (ENDED)") String summary,
        @Schema(description = "Wrap-up outcome (ENDED)") CallOutcome outcome,
        @Size(max = 255) @Schema(description = "Recording reference of the switch") String recordingRef) {

    static final String ID = "[A-Za-z0-9._:\\-]+";
}
