package org.hotline.common.tenancy;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hotline.common.security.Roles;

/**
 * Resolves the {@link TenantFilter}'s parameter for the query being built: the tenant whose rows the current caller
 * may see. A provincial token sees its province; {@code platform-operator} and {@code service} with {@code *} see
 * every tenant; work without a caller (scheduled jobs, feed consumers, start-up loading) and anonymous requests
 * (the public look-up and Open311, which scope by query code or integrator themselves) act as the service itself.
 * Anything else (a token whose identity is not resolved yet, a malformed claim, {@code *} for another role) sees
 * nothing: an unexpected path fails closed, never open.
 */
public class CallerTenant implements Supplier<String> {

    /** A value no row's tenant can take: the caller sees no tenant-owned rows. */
    public static final String NONE = "--";

    private static final Pattern PROVINCE = Pattern.compile("\\d{2}");

    @Override
    public String get() {
        return current();
    }

    /** The tenant whose rows the current caller may see: a province code, {@code *} or {@link #NONE}. */
    public static String current() {
        ArcContainer arc = Arc.container();
        if (arc == null || !arc.requestContext().isActive()) {
            return Roles.NATIONAL;
        }
        InstanceHandle<CurrentIdentityAssociation> association = arc.instance(CurrentIdentityAssociation.class);
        if (!association.isAvailable()) {
            return Roles.NATIONAL;
        }
        SecurityIdentity identity = resolvedIdentity(association.get());
        return identity == null ? NONE : of(identity);
    }

    /** The current request's caller if its identity is resolved; null without a request or before resolution. */
    public static SecurityIdentity currentIdentity() {
        ArcContainer arc = Arc.container();
        if (arc == null || !arc.requestContext().isActive()) {
            return null;
        }
        InstanceHandle<CurrentIdentityAssociation> association = arc.instance(CurrentIdentityAssociation.class);
        return association.isAvailable() ? resolvedIdentity(association.get()) : null;
    }

    /** The tenant whose rows {@code identity} may see. */
    public static String of(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            return Roles.NATIONAL;
        }
        Object claim = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim(Roles.TENANT_CLAIM) : null;
        String tenant = claim == null ? null : claim.toString().replace("\"", "");
        if (tenant != null && PROVINCE.matcher(tenant).matches()) {
            return tenant;
        }
        boolean national = identity.hasRole(Roles.PLATFORM_OPERATOR) || identity.hasRole(Roles.SERVICE);
        return Roles.NATIONAL.equals(tenant) && national ? Roles.NATIONAL : NONE;
    }

    /**
     * The caller's identity if it is already resolved (the security check of the endpoint or gRPC method resolves
     * it before any repository runs, and the deferred identity is memoized); null otherwise. Never blocks.
     */
    private static SecurityIdentity resolvedIdentity(CurrentIdentityAssociation association) {
        AtomicReference<SecurityIdentity> resolved = new AtomicReference<>();
        association.getDeferredIdentity().subscribe().with(resolved::set, failure -> { });
        return resolved.get();
    }
}
