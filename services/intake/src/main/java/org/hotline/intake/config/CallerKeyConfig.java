package org.hotline.intake.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The per-deployment secret of the pseudonymous caller key on intake's contact events. */
@ConfigMapping(prefix = "hotline.intake.caller-key")
public interface CallerKeyConfig {

    /**
     * HMAC-SHA256 key (environment {@code HOTLINE_INTAKE_CALLER_KEY_SECRET}, from a Kubernetes Secret; at least 16
     * characters). Absent: events carry no caller key, and appraisal's first-contact resolution has no data.
     */
    Optional<String> secret();
}
