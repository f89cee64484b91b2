package org.hotline.appraisal.domain;

/** How figures are grouped in time; every period but the half-hour starts at midnight in the tenant's zone. */
public enum Period {
    HALF_HOUR, DAY, WEEK, MONTH, QUARTER, YEAR, ALL;

    /** SQL giving the start of the period of {@code column} (a timestamptz), in {@code zone}. */
    public String sql(String column, String zone) {
        return switch (this) {
            case HALF_HOUR -> "date_bin('30 minutes', " + column + ", timestamptz '2000-01-01T00:00:00Z')";
            case ALL -> "timestamptz '1970-01-01T00:00:00Z'";
            default -> "(date_trunc('" + name().toLowerCase() + "', " + column + " AT TIME ZONE '" + zone
                    + "') AT TIME ZONE '" + zone + "')";
        };
    }
}
