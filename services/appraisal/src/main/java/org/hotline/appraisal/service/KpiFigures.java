package org.hotline.appraisal.service;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The KPI formulas of docs/appraisal.md over raw counts: ratios are null when their denominator is 0. */
public final class KpiFigures {

    private KpiFigures() {
    }

    /** Raw call counts of one period and key. */
    public record CallCounts(long answered, long abandoned, long shortAbandons, long answeredWithin,
            long abandonedWithin, double waitSecondsSum, double handleSecondsSum, long handled, long callbacksOffered,
            long callbacksKept) {

        /** Offered calls: answered + abandoned, short abandons counted apart. */
        public long offered() {
            return answered + abandoned;
        }
    }

    /** Service level (接听及时率) under an abandon treatment. */
    public static Double serviceLevel(CallCounts c, String treatment) {
        return switch (treatment) {
            case "IGNORED" -> ratio(c.answeredWithin(), c.offered() - c.abandonedWithin());
            case "AGAINST" -> ratio(c.answeredWithin(), c.offered());
            case "FOR" -> ratio(c.answeredWithin() + c.abandonedWithin(), c.offered());
            default -> ratio(c.answeredWithin(), c.answered());
        };
    }

    /** numerator / denominator to 6 decimals, or null when the denominator is 0. */
    public static Double ratio(double numerator, double denominator) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 6, RoundingMode.HALF_UP)
                .doubleValue();
    }

    /** A sum of seconds to 3 decimals (the facts' precision), so a replay gives the same digits. */
    public static double round3(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).doubleValue();
    }
}
