package org.hotline.appraisal.service;

import jakarta.enterprise.context.RequestScoped;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.common.security.TenantContext;

/**
 * Which tenants a caller's figures cover: leaders and tenant staff their province, the platform operator and other
 * services the nation (or one province they name). A national token of any other role is refused (issue 12), and
 * every query below takes the scope this answers, so a resource cannot forget it.
 */
@RequestScoped
public class AccessScope {

    private final TenantContext tenants;

    public AccessScope(TenantContext tenants) {
        this.tenants = tenants;
    }

    /** The tenant to read, or null for every tenant (national callers who name none). */
    public String readScope(String requested) {
        if (tenants.isNational()) {
            requireNationalRole();
            return requested == null || requested.isBlank() ? null : province(requested);
        }
        return tenants.effectiveTenant(requested == null || requested.isBlank() ? null : requested);
    }

    /** One tenant to act for: the caller's own, or for national callers the one they name ("*" for the defaults). */
    public String writeScope(String requested) {
        if (tenants.isNational()) {
            requireNationalRole();
            if (requested == null || requested.isBlank()) {
                return Roles.NATIONAL;
            }
            return Roles.NATIONAL.equals(requested) ? requested : province(requested);
        }
        return tenants.effectiveTenant(requested);
    }

    /** The caller's subject, for audit columns. */
    public String subject() {
        return tenants.subject();
    }

    private void requireNationalRole() {
        if (!tenants.hasRole(Roles.PLATFORM_OPERATOR) && !tenants.hasRole(Roles.SERVICE)) {
            throw ProblemException.forbidden("tenant-forbidden",
                    "Only the platform operator and services may hold the national tenant '*'.");
        }
    }

    private static String province(String tenant) {
        if (!tenant.matches("\\d{2}")) {
            throw ProblemException.invalidField("tenant", "tenant is a 2-digit province code such as 37.");
        }
        return tenant;
    }
}
