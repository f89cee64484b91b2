package org.hotline.common.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hotline.common.problem.ProblemException;

/** The caller's tenant, read from the {@code tenant} claim of its token, and the checks that go with it. */
@RequestScoped
public class TenantContext {

    private static final Pattern PROVINCE = Pattern.compile("\\d{2}");

    private final SecurityIdentity identity;

    public TenantContext(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The caller's tenant: a 2-digit province code or {@code *}; 403 when the token carries none. */
    public String tenant() {
        String tenant = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object claim = jwt.getClaim(Roles.TENANT_CLAIM);
            tenant = claim == null ? null : claim.toString().replace("\"", "");
        }
        if (tenant == null || !(Roles.NATIONAL.equals(tenant) || PROVINCE.matcher(tenant).matches())) {
            throw ProblemException.forbidden("tenant-missing",
                    "The token carries no valid 'tenant' claim (a 2-digit province code such as 37, or *).");
        }
        if (Roles.NATIONAL.equals(tenant) && !identity.hasRole(Roles.PLATFORM_OPERATOR) && !identity.hasRole(Roles.SERVICE)) {
            throw ProblemException.forbidden("national-role-required", "Only platform-operator and service tokens may "
                    + "be national (tenant *); a token of another role must name its province.");
        }
        return tenant;
    }

    /** True for the national operator and for other services of the suite. */
    public boolean isNational() {
        return Roles.NATIONAL.equals(tenant());
    }

    /** Whether the caller may see or change data of {@code tenant}. */
    public boolean canAccess(String tenant) {
        return isNational() || tenant().equals(tenant);
    }

    /** Throws 403 unless the caller may act for {@code tenant}. */
    public void requireAccess(String tenant) {
        if (!canAccess(tenant)) {
            throw ProblemException.forbidden("tenant-forbidden",
                    "Your token is for tenant " + tenant() + " and cannot act for tenant " + tenant + ".");
        }
    }

    /** The tenant a national caller asks for, or the caller's own; 403 when a provincial caller asks for another. */
    public String effectiveTenant(String requested) {
        if (requested == null || requested.isBlank()) {
            return tenant();
        }
        requireAccess(requested);
        return requested;
    }

    /** The caller's subject, for audit trails. */
    public String subject() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    /** Whether the caller holds {@code role}. */
    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }
}
