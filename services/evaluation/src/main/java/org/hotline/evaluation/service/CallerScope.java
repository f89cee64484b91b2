package org.hotline.evaluation.service;

import jakarta.enterprise.context.RequestScoped;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.common.security.TenantContext;
import org.hotline.evaluation.repository.Scope;

/**
 * The caller's reach as a {@link Scope}: only {@code platform-operator} and {@code service} may be national; an
 * evaluator (without a staff role besides) sees only their own assignments.
 */
@RequestScoped
public class CallerScope {

    private final TenantContext tenants;

    public CallerScope(TenantContext tenants) {
        this.tenants = tenants;
    }

    /** The scope of every read and write of this request. */
    public Scope scope() {
        String tenant = tenants.tenant();
        boolean national = Roles.NATIONAL.equals(tenant);
        if (national && !(tenants.hasRole(Roles.PLATFORM_OPERATOR) || tenants.hasRole(Roles.SERVICE))) {
            throw ProblemException.forbidden("tenant-national-role",
                    "Only platform-operator and service tokens may be national (tenant *).");
        }
        String evaluator = evaluatorOnly() ? tenants.subject() : null;
        return new Scope(national ? null : tenant, evaluator);
    }

    /** The caller's tenant for a write; a national caller must name one. */
    public String tenantFor(String requested, String field) {
        Scope scope = scope();
        if (scope.national()) {
            if (requested == null || !requested.matches("\\d{2}")) {
                throw ProblemException.invalidField(field, "A national caller names the 2-digit tenant, e.g. 37.");
            }
            return requested;
        }
        if (requested != null && !requested.isBlank() && !requested.equals(scope.tenant())) {
            throw ProblemException.forbidden("tenant-forbidden",
                    "Your token is for tenant " + scope.tenant() + " and cannot act for tenant " + requested + ".");
        }
        return scope.tenant();
    }

    /** True when the caller acts only as an evaluator. */
    public boolean evaluatorOnly() {
        return tenants.hasRole(Roles.EVALUATOR) && !tenants.hasRole(Roles.TENANT_ADMIN)
                && !tenants.hasRole(Roles.LEADER) && !tenants.hasRole(Roles.PLATFORM_OPERATOR);
    }

    public String subject() {
        return tenants.subject();
    }
}
