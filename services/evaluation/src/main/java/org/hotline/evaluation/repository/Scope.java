package org.hotline.evaluation.repository;

/**
 * What rows a caller may see, applied by every repository query of tenant-owned rows: {@code tenant} null means
 * every tenant (platform operator, service); {@code evaluatorSubject} non-null limits assignments and evaluations to
 * that evaluator's own. Repositories take a scope instead of trusting callers to filter, so a forgotten check in a
 * resource cannot leak another province's rows.
 */
public record Scope(String tenant, String evaluatorSubject) {

    /** Every tenant: background jobs and national callers. */
    public static final Scope ALL = new Scope(null, null);

    public static Scope tenant(String tenant) {
        return new Scope(tenant, null);
    }

    public boolean national() {
        return tenant == null;
    }

    /** Whether a row of {@code rowTenant} is visible. */
    public boolean sees(String rowTenant) {
        return tenant == null || tenant.equals(rowTenant);
    }
}
