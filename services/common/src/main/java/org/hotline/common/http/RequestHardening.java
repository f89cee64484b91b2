package org.hotline.common.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.hotline.common.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses, before any resource runs, what no endpoint can store: a NUL character in the path or query (raw or
 * percent-encoded) and an {@code Idempotency-Key} longer than 128 characters or with control characters.
 */
public class RequestHardening {

    /** Longest Idempotency-Key accepted (the IETF draft leaves it open; the stores keep 128). */
    public static final int MAX_IDEMPOTENCY_KEY = 128;

    @ServerRequestFilter(preMatching = true)
    public Response refuse(ContainerRequestContext request) {
        String raw = request.getUriInfo().getRequestUri().getRawPath() + "?"
                + request.getUriInfo().getRequestUri().getRawQuery();
        if (raw.indexOf('\u0000') >= 0 || raw.toLowerCase(java.util.Locale.ROOT).contains("%00")) {
            return bad(request, "nul-character", "The path or query contains a NUL character (%00).", null);
        }
        List<String> keys = request.getHeaders().get("Idempotency-Key");
        if (keys != null) {
            for (String key : keys) {
                if (key.length() > MAX_IDEMPOTENCY_KEY) {
                    return bad(request, "validation", "Idempotency-Key: must be at most " + MAX_IDEMPOTENCY_KEY
                            + " characters (got " + key.length() + ")", "Idempotency-Key");
                }
                if (key.isBlank() || key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    return bad(request, "validation", "Idempotency-Key: must be 1 to " + MAX_IDEMPOTENCY_KEY
                            + " visible characters", "Idempotency-Key");
                }
            }
        }
        return null;
    }

    private static Response bad(ContainerRequestContext request, String slug, String detail, String field) {
        Problem problem = Problem.of(slug, "Invalid input", 400, detail)
                .withInstance(request.getUriInfo().getRequestUri().getRawPath());
        if (field != null) {
            problem = problem.withViolations(List.of(new Problem.Violation(field, detail.substring(field.length() + 2))));
        }
        return Response.status(400).type(Problem.MEDIA_TYPE).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(problem).build();
    }
}
