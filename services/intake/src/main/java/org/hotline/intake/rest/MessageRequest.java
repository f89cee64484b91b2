package org.hotline.intake.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hotline.intake.domain.Channel;

/** A citizen's text message from the web, the app or WeChat. */
@Schema(name = "MessageRequest", example = """
        {"channel":"WECHAT","text":"异地就医怎么备案","phone":"13905330000","regionCode":"370300"}""")
public record MessageRequest(
        @NotNull(message = "is required (WEB, APP or WECHAT)") Channel channel,
        @NotBlank(message = "is required") @Size(max = 2000, message = "must be at most 2000 characters") String text,
        @Pattern(regexp = ContactRequest.PHONE, message = "is not a phone number") String phone,
        @Pattern(regexp = "\\d{6}", message = "must be a 6-digit GB/T 2260 region code")
        @Schema(description = "Insured region (参保地) the citizen chose; wins over the phone number") String regionCode,
        @Size(max = 64, message = "must be at most 64 characters") String citizenName,
        @Size(max = 255, message = "must be at most 255 characters")
        @Schema(description = "Address (GB/T 2260 names), used when no region is named", example = "山东省淄博市张店区")
        String address) {
}
