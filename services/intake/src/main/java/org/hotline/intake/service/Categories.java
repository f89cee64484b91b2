package org.hotline.intake.service;

import java.util.Optional;
import org.hotline.common.category.ServiceCategory;

/**
 * Reads the five services on input: the common codes ({@code POLICY_ANSWER}…), their Chinese names, and the two
 * codes intake used before the one vocabulary ({@code POLICY}, {@code PRE_REVIEW}), so old switches and Open311
 * clients keep working. Output always uses the common codes.
 */
public final class Categories {

    private Categories() {
    }

    public static Optional<ServiceCategory> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.trim()) {
            case "POLICY" -> Optional.of(ServiceCategory.POLICY_ANSWER);
            case "PRE_REVIEW" -> Optional.of(ServiceCategory.ONLINE_PRE_REVIEW);
            default -> ServiceCategory.parse(value);
        };
    }
}
