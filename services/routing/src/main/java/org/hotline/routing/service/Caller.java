package org.hotline.routing.service;

import java.util.UUID;
import org.hotline.common.problem.ProblemException;

/**
 * Who is acting and with what reach: the national operator or another service (every tenant), hotline-centre staff
 * of one tenant (agents, tenant admins, leaders), or a handler of one unit (承办单位).
 */
public record Caller(String subject, String tenant, Reach reach, UUID unit) {

    /** How far a caller reaches. */
    public enum Reach { NATIONAL, CENTER, HANDLER }

    /** Whether the caller may see data of {@code dataTenant} at all. */
    public boolean reachesTenant(String dataTenant) {
        return reach == Reach.NATIONAL || tenant.equals(dataTenant);
    }

    /** Throws 403 unless the caller may act for {@code dataTenant}. */
    public void requireTenant(String dataTenant) {
        if (!reachesTenant(dataTenant)) {
            throw ProblemException.forbidden("tenant-forbidden",
                    "Your token is for tenant " + tenant + " and cannot act for tenant " + dataTenant + ".");
        }
    }

    /** Throws 403 unless the caller is hotline-centre staff of the tenant or national. */
    public void requireCenter(String dataTenant, String action) {
        requireTenant(dataTenant);
        if (reach == Reach.HANDLER) {
            throw ProblemException.forbidden("center-only",
                    "Only the hotline centre (agent, tenant-admin) may " + action + "; units cannot.");
        }
    }

    /** The same caller acting on behalf of a named person, for the audit trail (e.g. intake's agent). */
    public Caller onBehalfOf(String person) {
        return person == null || person.isBlank() ? this
                : new Caller(person.trim() + " via " + subject, tenant, reach, unit);
    }
}
