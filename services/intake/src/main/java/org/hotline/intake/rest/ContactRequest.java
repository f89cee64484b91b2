package org.hotline.intake.rest;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hotline.intake.domain.Channel;

/**
 * A contact as the switch, an agent or a text channel registers it. PHONE contacts need the dialed and the caller's
 * number; web, app and WeChat contacts name their region ({@code ivrRegionCode}), an address, or nothing (then the
 * caller's number or the registering tenant's province decides).
 */
@Schema(name = "ContactRequest", example = """
        {"channel":"PHONE","dialedNumber":"0533-12393","callerNumber":"13905330000"}""")
public record ContactRequest(
        @NotNull(message = "is required (PHONE, WEB, APP, WECHAT or OPEN311)")
        @Schema(example = "PHONE") Channel channel,
        @Pattern(regexp = PHONE, message = "is not a phone number (digits, +, -, spaces, parentheses)")
        @Schema(description = "Number the citizen dialed; required for PHONE", example = "0533-12393") String dialedNumber,
        @Pattern(regexp = PHONE, message = "is not a phone number (digits, +, -, spaces, parentheses)")
        @Schema(description = "Caller's number; required for PHONE", example = "13905330000") String callerNumber,
        @Pattern(regexp = "\\d{6}", message = "must be a 6-digit GB/T 2260 region code")
        @Schema(description = "Region the carrier reports for the caller", example = "370300") String carrierRegionCode,
        @Pattern(regexp = "\\d{6}", message = "must be a 6-digit GB/T 2260 region code")
        @Schema(description = "Insured region (参保地) chosen in the IVR or named by the citizen; wins over everything",
                example = "370300")
        String ivrRegionCode,
        @Size(max = 255, message = "must be at most 255 characters")
        @Schema(description = "Address (GB/T 2260 names), for text contacts", example = "山东省淄博市张店区华光路")
        String address,
        @DecimalMin(value = "-90", message = "must be between -90 and 90")
        @DecimalMax(value = "90", message = "must be between -90 and 90") Double latitude,
        @DecimalMin(value = "-180", message = "must be between -180 and 180")
        @DecimalMax(value = "180", message = "must be between -180 and 180") Double longitude) {

    /** 3 to 20 digits with the separators people and switches write. */
    public static final String PHONE = "(?=(?:\\D*\\d){3,20}\\D*$)\\+?[0-9\\-() ]{3,32}";

    /** A contact without address or coordinates. */
    public ContactRequest(Channel channel, String dialedNumber, String callerNumber, String carrierRegionCode,
            String ivrRegionCode) {
        this(channel, dialedNumber, callerNumber, carrierRegionCode, ivrRegionCode, null, null, null);
    }
}
