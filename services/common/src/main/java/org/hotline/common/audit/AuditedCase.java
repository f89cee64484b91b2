package org.hotline.common.audit;

/** A view of one case that the access audit can name: its id and the province it belongs to. */
public interface AuditedCase {

    /** The case's id, as the API shows it. */
    String auditId();

    /** The tenant (province) owning the case. */
    String auditTenant();
}
