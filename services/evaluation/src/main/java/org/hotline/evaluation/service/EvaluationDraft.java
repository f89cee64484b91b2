package org.hotline.evaluation.service;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an evaluator submits about one handled work order. */
public record EvaluationDraft(
        @Schema(example = "2f1c2b8e-7d1a-4c55-9e0b-3f4f8d1a9c11") UUID workOrderId,
        @Schema(example = "370300", description = "6-digit GB/T 2260 pooling region of the case") String regionCode,
        @Schema(example = "SATISFIED", enumeration = { "SATISFIED", "UNSATISFIED" }) String verdict,
        @Schema(example = "4", minimum = "1", maximum = "5") Integer score) {
}
