package org.hotline.routing.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.StaleStateException;
import org.hotline.common.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Two people changing the same order at once: the later one gets a 409 to reload and retry, not a 500. */
public class ConcurrentChangeMapper {

    @ServerExceptionMapper({ StaleStateException.class, jakarta.persistence.OptimisticLockException.class })
    public Response concurrentChange(RuntimeException e, UriInfo uri) {
        Problem p = Problem.of("concurrent-change", "Conflict", 409,
                "Someone else changed this record at the same time; reload it and try again.");
        return Response.status(409).type(Problem.MEDIA_TYPE).entity(p.withInstance(uri.getPath())).build();
    }
}
