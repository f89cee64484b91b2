package org.hotline.intake.rest;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.hotline.common.problem.Problem;
import org.hotline.intake.config.IntakeConfig;
import org.hotline.intake.service.PublicLookupLimiter;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The rate limit of the login-free endpoints, per client address and across replicas: the citizen case look-up
 * ({@code /api/v1/public/}, 429 problem+json) and Open311 ({@code /open311/}, 429 in the spec's error list). The
 * client address is the connection's peer, or the {@code X-Forwarded-For} client when the peer is one of the trusted
 * proxies ({@code quarkus.http.proxy.trusted-proxies}, the ingress controller): any other caller's header is ignored,
 * so a client cannot pick the address it is counted against.
 */
public class PublicRateLimit {

    private final PublicLookupLimiter limiter;
    private final IntakeConfig config;

    public PublicRateLimit(PublicLookupLimiter limiter, IntakeConfig config) {
        this.limiter = limiter;
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> limit(HttpServerRequest request) {
        String path = request.path();
        boolean lookup = path.startsWith("/api/v1/public/");
        if (!lookup && !path.startsWith("/open311/")) {
            return Uni.createFrom().nullItem();
        }
        // A forwarded address that names no host (e.g. X-Forwarded-For: unknown) has no host address: one bucket.
        String client = request.remoteAddress() == null || request.remoteAddress().hostAddress() == null ? "unknown"
                : request.remoteAddress().hostAddress();
        int perMinute = lookup ? config.publicLookupsPerMinute() : config.open311RequestsPerMinute();
        return limiter.allow(lookup ? "case" : "open311", client, perMinute).map(allowed -> {
            if (allowed) {
                return null;
            }
            long wait = limiter.retryAfterSeconds();
            String detail = "Too many requests from your address; try again in " + wait + " seconds.";
            Response refusal = lookup
                    ? Response.status(429).type(Problem.MEDIA_TYPE).entity(Problem.of("too-many-requests",
                            "Too many requests", 429, detail).withInstance(path)).build()
                    : Open311Format.error(path.endsWith(".xml") ? "xml" : "json", 429, detail);
            return Response.fromResponse(refusal).header("Retry-After", wait).build();
        });
    }
}
