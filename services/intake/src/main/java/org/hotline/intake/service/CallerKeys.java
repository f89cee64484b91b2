package org.hotline.intake.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.hotline.intake.config.CallerKeyConfig;

/**
 * Pseudonymous caller keys for events: HMAC-SHA256 of the normalised number under the deployment's secret, so that
 * appraisal can recognise a repeat caller without ever seeing the number (nor recompute it without the secret).
 */
@ApplicationScoped
public class CallerKeys {

    private final SecretKeySpec key;

    public CallerKeys(CallerKeyConfig config) {
        this.key = config.secret().filter(s -> !s.isBlank())
                .map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), "HmacSHA256")).orElse(null);
    }

    /** The key of {@code number} (hex), or "" without a number or a secret. */
    public String of(String number) {
        String digits = normalised(number);
        if (key == null || digits.isEmpty()) {
            return "";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(digits.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Digits only, without the country code of a mainland number: +86 139-0000-0000 and 13900000000 are one caller. */
    static String normalised(String number) {
        if (number == null) {
            return "";
        }
        String digits = number.replaceAll("\\D", "");
        if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        } else if (digits.startsWith("86") && digits.length() == 13) {
            digits = digits.substring(2);
        }
        return digits;
    }
}
