package org.hotline.common.audit;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;

/** Appends an access-audit record once an {@link Audited} method's {@code Uni} has succeeded. */
@Audited(resource = "", action = AuditAction.READ)
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class AuditInterceptor {

    private final AccessAudit audit;

    public AuditInterceptor(AccessAudit audit) {
        this.audit = audit;
    }

    @AroundInvoke
    Object record(InvocationContext context) throws Exception {
        Audited audited = context.getMethod().getAnnotation(Audited.class);
        if (audited == null) {
            audited = context.getMethod().getDeclaringClass().getAnnotation(Audited.class);
        }
        Object result = context.proceed();
        if (audited == null || !(result instanceof Uni<?> uni)) {
            return result;
        }
        String resource = audited.resource();
        AuditAction action = audited.action();
        return uni.call(item -> {
            AuditedCase named = auditedCase(item);
            return named == null ? Uni.createFrom().voidItem()
                    : audit.record(action, resource, named.auditId(), named.auditTenant());
        });
    }

    private static AuditedCase auditedCase(Object item) {
        Object entity = item instanceof RestResponse<?> r ? r.getEntity() : item instanceof Response r ? r.getEntity() : item;
        return entity instanceof AuditedCase c ? c : null;
    }
}
