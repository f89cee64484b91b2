package org.hotline.intake.rest;

import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.TenantContext;

/**
 * Another tenant's records are answered as unknown (404), never 403: a 403 would confirm that the id exists
 * (issue 12). The national operator and the suite's services see every tenant.
 */
final class Visibility {

    private Visibility() {
    }

    static void require(TenantContext tenants, String tenant, String slug, String what) {
        if (tenant != null && !tenants.canAccess(tenant)) {
            throw ProblemException.notFound(slug, "No " + what + ".");
        }
    }
}
