package org.hotline.routing.rest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.hotline.common.problem.Problem;
import org.hotline.routing.config.RoutingConfig;
import org.hotline.routing.service.InFlightLimit;

/**
 * Bounds the REST requests routing serves at once (hotline.routing.max-in-flight-requests): one more is answered
 * 503 with Retry-After and an RFC 7807 body before authentication or any database work, so an overload costs the
 * excess a refusal instead of making every request wait in an unbounded queue (and the heap fill) until all time
 * out. Health, metrics and gRPC (limited by its own interceptor) are not counted.
 */
@ApplicationScoped
public class LoadShedding {

    /** Before the security and body handlers, so that a refused request costs next to nothing. */
    static final int ORDER = -10_000;

    private static final String BODY = "{\"type\":\"" + Problem.TYPE_PREFIX + "overloaded\",\"title\":\"Service unavailable\","
            + "\"status\":503,\"detail\":\"Routing is serving as many requests as it can; retry after the number of "
            + "seconds in Retry-After.\"}";

    /** Where Quarkus' HTTP metrics read the URI tag of a request (set by REST for matched requests). */
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    private final InFlightLimit limit;
    private final Counter refused;

    public LoadShedding(RoutingConfig config, MeterRegistry metrics) {
        this.limit = new InFlightLimit(config.maxInFlightRequests());
        this.refused = Counter.builder("hotline_routing_requests_shed_total").tag("transport", "http")
                .description("Requests refused at once (503) because the in-flight limit was reached").register(metrics);
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::admit);
    }

    private void admit(RoutingContext rc) {
        String path = rc.request().path();
        String type = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (path == null || !path.startsWith("/api/") || type != null && type.startsWith("application/grpc")) {
            rc.next();
            return;
        }
        if (!limit.tryAcquire()) {
            refused.increment();
            // Refused before route matching: without a template the HTTP metrics would tag each refusal with its raw
            // path (one time series per work-order id) just when the service is overloaded.
            Context context = Vertx.currentContext();
            if (context != null) {
                context.putLocal(URL_PATH_TEMPLATE, "/api/*");
            }
            rc.response().setStatusCode(503).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.RETRY_AFTER, "1").putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(BODY);
            return;
        }
        // Once per request, whether the response ends or the connection is cut.
        rc.addEndHandler(done -> limit.release());
        rc.next();
    }
}
