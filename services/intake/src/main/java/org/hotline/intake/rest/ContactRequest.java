package org.hotline.intake.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hotline.intake.domain.Channel;

/** A contact as the switch or an agent registers it. */
@Schema(name = "ContactRequest", example = """
        {"channel":"PHONE","dialedNumber":"0533-12393","callerNumber":"13905330000"}""")
public record ContactRequest(
        @NotNull(message = "is required (PHONE, WEB, APP, WECHAT or OPEN311)")
        @Schema(example = "PHONE") Channel channel,
        @Pattern(regexp = PHONE, message = "is not a phone number (digits, +, -, spaces, parentheses)")
        @Schema(description = "Number the citizen dialed; required for PHONE", example = "0533-12393") String dialedNumber,
        @NotBlank(message = "is required")
        @Pattern(regexp = PHONE, message = "is not a phone number (digits, +, -, spaces, parentheses)")
        @Schema(example = "13905330000") String callerNumber,
        @Pattern(regexp = "\\d{6}", message = "must be a 6-digit GB/T 2260 region code")
        @Schema(description = "Region the carrier reports for the caller", example = "370300") String carrierRegionCode,
        @Pattern(regexp = "\\d{6}", message = "must be a 6-digit GB/T 2260 region code")
        @Schema(description = "Insured region (参保地) chosen in the IVR; wins over the numbers", example = "370300")
        String ivrRegionCode) {

    /** 3 to 20 digits with the separators people and switches write. */
    public static final String PHONE = "(?=(?:\\D*\\d){3,20}\\D*$)\\+?[0-9\\-() ]{3,32}";
}
