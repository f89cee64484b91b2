package org.hotline.common.tenancy;

/**
 * The Hibernate filter that scopes every query of tenant-owned rows by the caller's tenant, below the resource code.
 *
 * <p>Each service declares it once on one of its entities and puts it on every tenant-owned entity:
 *
 * <pre>
 * &#64;FilterDef(name = TenantFilter.NAME, defaultCondition = TenantFilter.CONDITION, autoEnabled = true,
 *         applyToLoadByKey = true, parameters = &#64;ParamDef(name = TenantFilter.PARAMETER, type = String.class,
 *         resolver = CallerTenant.class))
 * &#64;Filter(name = TenantFilter.NAME)
 * </pre>
 *
 * {@code autoEnabled} turns it on in every session Hibernate Reactive opens (Panache's {@code @WithSession} and
 * {@code @WithTransaction} included), {@code applyToLoadByKey} makes {@code findById} obey it too, and the
 * parameter is resolved by {@link CallerTenant} each time a query is built. Native SQL is not filtered: each native
 * query of tenant-owned rows names its tenant itself (docs/security.md lists them).
 */
public final class TenantFilter {

    /** The filter's name, the same in every service. */
    public static final String NAME = "tenant";
    /** The parameter carrying the caller's tenant (a province code, {@code *}, or {@link CallerTenant#NONE}). */
    public static final String PARAMETER = "callerTenant";
    /** Rows of the caller's tenant; every row for a national caller. */
    public static final String CONDITION = "(:" + PARAMETER + " = '*' or tenant = :" + PARAMETER + ")";

    /**
     * As {@link #CONDITION}, and rows no tenant has claimed yet (a call whose first switch event came before its
     * OFFERED: timestamps only, no personal data, until the OFFERED names its contact and tenant).
     */
    public static final String CONDITION_OR_UNCLAIMED = "(:" + PARAMETER + " = '*' or tenant = :" + PARAMETER
            + " or tenant is null)";

    /**
     * As {@link #CONDITION}, and the national rows ({@code tenant = '*'}) every province reads: knowledge's national
     * articles, appraisal's default KPI settings. A role that may not be national but holds {@code *} (resolved to
     * {@link CallerTenant#NONE}) sees only these.
     */
    public static final String CONDITION_OR_NATIONAL = "(:" + PARAMETER + " = '*' or tenant = '*' or tenant = :"
            + PARAMETER + ")";

    private TenantFilter() {
    }
}
