package org.hotline.common.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hotline.common.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Rejects oversized API bodies with a problem+json 413 before they are read (the HTTP layer's own limit answers bare). */
public class BodySizeLimit {

    private final long maxBytes;

    public BodySizeLimit(@ConfigProperty(name = "hotline.api.max-body-bytes", defaultValue = "262144") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @ServerRequestFilter(preMatching = true)
    public Response rejectOversized(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        if (bytes <= maxBytes) {
            return null;
        }
        Problem problem = Problem.of("payload-too-large", "Payload too large", 413,
                "The body has " + bytes + " bytes; this API accepts at most " + maxBytes + " bytes.")
                .withInstance(request.getUriInfo().getPath());
        return Response.status(413).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
