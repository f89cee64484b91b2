package org.hotline.common.security;

/** The JWT {@code groups} every service understands; one constant per role of the brief. */
public final class Roles {

    /** National platform operator (国家医保局 level): sees every tenant. */
    public static final String PLATFORM_OPERATOR = "platform-operator";
    /** Administrator of one provincial tenant: rules, units, calendars, articles. */
    public static final String TENANT_ADMIN = "tenant-admin";
    /** Hotline agent (坐席) answering calls and messages. */
    public static final String AGENT = "agent";
    /** Staff of a unit (承办单位) handling work orders. */
    public static final String HANDLER = "handler";
    /** Third-party evaluator (第三方评价员). */
    public static final String EVALUATOR = "evaluator";
    /** Leader watching scorecards and lights. */
    public static final String LEADER = "leader";
    /** Another service of the suite calling over gRPC. */
    public static final String SERVICE = "service";

    /** Claim naming the tenant: a 2-digit GB/T 2260 province code, or {@link #NATIONAL}. */
    public static final String TENANT_CLAIM = "tenant";
    /** Tenant value of the national operator and of service-to-service calls. */
    public static final String NATIONAL = "*";

    private Roles() {
    }
}
