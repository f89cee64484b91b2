package org.hotline.common.audit;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records a successful call in the access audit ({@link AccessAudit}): the method returns a {@code Uni} of an
 * {@link AuditedCase} (or a response whose entity is one), which names the case and its tenant. Failed calls (404
 * for another tenant's id, 403, 4xx) are not recorded: nothing was read or changed.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Audited {

    /** The resource type, e.g. {@code contact}, {@code work-order}, {@code evaluation}. */
    @Nonbinding
    String resource();

    /** What the call does to the case. */
    @Nonbinding
    AuditAction action();
}
