package org.hotline.evaluation.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Random;
import org.hotline.evaluation.config.EvaluationConfig;
import org.hotline.evaluation.domain.EvaluationCase;

/**
 * Which cases are evaluated: every case whose complainant was unsatisfied at routing's callback (Wuhan's rule), plus
 * a share of the others chosen by a hash of the seed and the work order id, so the same seed picks the same cases.
 * Configurable per tenant and category ({@code hotline.evaluation.sampling.overrides}).
 */
@ApplicationScoped
public class SamplingRule {

    /** Why a case was (or was not) sampled. */
    public enum Decision { UNSATISFIED_CALLBACK, RANDOM_SHARE, NOT_SAMPLED }

    private final EvaluationConfig config;

    public SamplingRule(EvaluationConfig config) {
        this.config = config;
    }

    /** The decision for a case now, or null while it is too early (no callback yet, within the grace period). */
    public Decision decide(EvaluationCase c, Instant now) {
        boolean unsatisfied = "UNSATISFIED".equals(c.callbackSatisfaction);
        boolean settled = c.callbackSatisfaction != null || "CLOSED".equals(c.routingStatus)
                || (c.repliedAt != null && c.repliedAt.plus(config.sampling().callbackGrace()).isBefore(now));
        if (!settled) {
            return null;
        }
        if (unsatisfied && allUnsatisfied(c.tenant, c.category)) {
            return Decision.UNSATISFIED_CALLBACK;
        }
        return draw(c, share(c.tenant, c.category)) ? Decision.RANDOM_SHARE : Decision.NOT_SAMPLED;
    }

    /** The reproducible draw: true for about {@code share} of all work orders. */
    boolean draw(EvaluationCase c, double share) {
        long bits = c.workOrderId.getMostSignificantBits() ^ Long.rotateLeft(c.workOrderId.getLeastSignificantBits(), 17);
        return new Random(config.sampling().seed() ^ bits).nextDouble() < share;
    }

    double share(String tenant, String category) {
        return override(tenant, category, true).orElse(config.sampling().share());
    }

    boolean allUnsatisfied(String tenant, String category) {
        return override(tenant, category, false).map(v -> v > 0).orElse(config.sampling().allUnsatisfied());
    }

    private java.util.Optional<Double> override(String tenant, String category, boolean share) {
        var overrides = config.sampling().overrides();
        for (String key : new String[] { tenant + "." + category, tenant, "*." + category }) {
            var o = overrides.get(key);
            if (o != null) {
                java.util.Optional<Double> v = share ? o.share()
                        : o.allUnsatisfied().map(b -> b ? 1.0 : 0.0);
                if (v.isPresent()) {
                    return v;
                }
            }
        }
        return java.util.Optional.empty();
    }
}
