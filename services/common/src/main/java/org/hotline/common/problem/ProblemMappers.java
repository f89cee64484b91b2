package org.hotline.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every failure of a REST call to an RFC 7807 response, so clients never parse an HTML or empty error. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = respond(e.problem(), uri);
        if (e.retryAfterSeconds() == null) {
            return response;
        }
        return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build();
    }

    // Mapped as ValidationException, the type Quarkus' own mapper handles: the same type lets ours take precedence.
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response constraintViolation(ValidationException validation, UriInfo uri) {
        if (!(validation instanceof ConstraintViolationException e)) {
            Log.errorf(validation, "Validation could not run on %s", loggable(uri.getPath()));
            return respond(Problem.of("internal", "Internal error", 500, "Validation failed unexpectedly."), uri);
        }
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        String detail = violations.stream().map(v -> v.field() + ": " + v.message())
                .collect(Collectors.joining("; "));
        return respond(Problem.of("validation", "Invalid input", 400, detail).withViolations(violations), uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return respond(jsonProblem(e), uri);
    }

    // Quarkus ships mappers for these exact Jackson types; mapping the same types lets ours take precedence.
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return respond(jsonProblem(e), uri);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        return respond(jsonProblem(e), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return respond(jsonProblem(json), uri);
        }
        int status = e.getResponse().getStatus();
        Problem problem = switch (status) {
            case 400 -> Problem.of("bad-request", "Bad request", 400,
                    message(e, "The request could not be read; send a JSON body as documented in /q/openapi."));
            case 404 -> e.getCause() != null && !(e.getCause() instanceof WebApplicationException)
                    ? unparseableParameter(e.getCause(), uri)
                    : Problem.of("not-found", "Not found", 404, "No resource at this path.");
            case 405 -> Problem.of("method-not-allowed", "Method not allowed", 405,
                    "This path does not accept this HTTP method.");
            case 406 -> Problem.of("not-acceptable", "Not acceptable", 406,
                    "This resource answers application/json.");
            case 413 -> Problem.of("payload-too-large", "Payload too large", 413, message(e, "The body is too large."));
            case 415 -> Problem.of("unsupported-media-type", "Unsupported media type", 415,
                    "Send the body as application/json.");
            default -> Problem.of("http-" + status, e.getResponse().getStatusInfo().getReasonPhrase(), status,
                    message(e, e.getResponse().getStatusInfo().getReasonPhrase()));
        };
        return respond(problem, uri);
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        Problem problem = Problem.of("unauthorized", "Unauthorized", 401,
                "A valid bearer token is required: send 'Authorization: Bearer <JWT>' (see 'make token').");
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(problem.withInstance(uri.getPath())).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of("forbidden", "Forbidden", 403,
                "Your token's role does not allow this operation."), uri);
    }

    /**
     * A bounded endpoint is full (a surge beyond what this replica takes at once): refused at once, before anything is
     * stored, so the client may retry elsewhere or later rather than wait until it gives up on a request that might
     * still commit.
     */
    @ServerExceptionMapper
    public Response overloaded(org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException e, UriInfo uri) {
        return Response.fromResponse(respond(Problem.of("overloaded", "Service unavailable", 503,
                "This replica is taking as many requests as it can; nothing was stored. Retry after the number of "
                        + "seconds in Retry-After."), uri))
                .header(HttpHeaders.RETRY_AFTER, "1").build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (databaseUnavailable(e)) {
            // A failover, a cut connection or a full server: nothing was committed, the client may retry (issue 12).
            Log.warnf("Database unavailable on %s: %s", loggable(uri.getPath()), e.getMessage());
            return Response.fromResponse(respond(Problem.of("database-unavailable", "Service unavailable", 503,
                    "The database is unavailable for a moment; retry after the number of seconds in Retry-After."), uri))
                    .header(HttpHeaders.RETRY_AFTER, "2").build();
        }
        Log.errorf(e, "Unexpected failure on %s", loggable(uri.getPath()));
        return respond(Problem.of("internal", "Internal error", 500,
                "An unexpected error occurred; it has been logged."), uri);
    }

    /**
     * Whether {@code e} (or a cause) says the database cannot be reached or dropped the connection: connection
     * errors (SQLSTATE class 08), too many connections (53300), an administrator or crash shutdown (57P01-57P03),
     * a closed, reset or refused connection, no free pooled connection within the pool's wait.
     */
    static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().equals("53300")
                            || pg.getSqlState().startsWith("57P"))) {
                return true;
            }
            // A reset socket is the database's: the REST layer talks to no other peer by raw socket (gRPC peers fail
            // with a Status), and pg_terminate_backend or a failover shows up as "Connection reset".
            if (t instanceof io.vertx.sqlclient.ClosedConnectionException || t instanceof java.net.SocketException) {
                return true;
            }
            // Netty reports a reset met while writing a query as a bare IOException (FaultToleranceIT, the database
            // made unreachable through a proxy that resets its connections).
            if (t.getClass() == java.io.IOException.class && t.getMessage() != null
                    && (t.getMessage().contains("Connection reset") || t.getMessage().contains("Broken pipe"))) {
                return true;
            }
            // The pool found no free connection in time (overload, make bench's spike): Vert.x fails the wait with a
            // bare "Timeout"; the client should come back later (503 with Retry-After), it did nothing wrong (500).
            if (t instanceof io.vertx.core.impl.NoStackTraceThrowable && "Timeout".equals(t.getMessage())) {
                return true;
            }
            // A query sent on a pooled connection the server has just dropped (FaultToleranceIT).
            if (t instanceof io.vertx.core.impl.NoStackTraceThrowable && t.getMessage() != null
                    && t.getMessage().startsWith("Connection is not active now")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A path fit for logs: runs of 7 or more digits (phone or ID numbers in a path) keep only their first 3 and last 4
     * digits, and control characters (a NUL from a request) become '?'.
     */
    static String loggable(String path) {
        if (path == null) {
            return null;
        }
        String masked = LONG_DIGITS.matcher(path).replaceAll(m -> {
            String d = m.group();
            return d.substring(0, 3) + "*".repeat(d.length() - 7) + d.substring(d.length() - 4);
        });
        return masked.replaceAll("\\p{Cntrl}", "?");
    }

    private static final java.util.regex.Pattern LONG_DIGITS = java.util.regex.Pattern.compile("\\d{7,}");

    static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                .entity(uri == null ? problem : problem.withInstance(uri.getPath())).build();
    }

    private static Problem jsonProblem(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String message;
            if (e instanceof UnrecognizedPropertyException unknown) {
                message = "is not a known field" + (unknown.getKnownPropertyIds() == null ? ""
                        : " (known: " + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                                .collect(Collectors.joining(", ")) + ")");
            } else if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                    && invalid.getTargetType().isEnum()) {
                message = "'" + invalid.getValue() + "' is not one of "
                        + Arrays.toString(invalid.getTargetType().getEnumConstants());
            } else if (e instanceof InvalidFormatException invalid && invalid.getTargetType() == String.class) {
                message = invalid.getOriginalMessage();
            } else {
                message = "has the wrong type or format";
            }
            return Problem.of("validation", "Invalid input", 400, field + ": " + message)
                    .withViolations(List.of(new Problem.Violation(field, message)));
        }
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        java.util.regex.Matcher duplicate = DUPLICATE_FIELD.matcher(original);
        if (duplicate.find()) {
            String field = duplicate.group(1);
            return Problem.of("duplicate-json-key", "Malformed JSON", 400, field + ": appears twice in the body")
                    .withViolations(List.of(new Problem.Violation(field, "appears twice in the body")));
        }
        return Problem.of("malformed-json", "Malformed JSON", 400, "The body is not valid JSON: " + original);
    }

    private static final java.util.regex.Pattern DUPLICATE_FIELD = java.util.regex.Pattern.compile(
            "Duplicate field '([^']*)'");

    /**
     * A query parameter that could not be converted (JAX-RS answers 404 for those): 400 naming the parameter whose
     * value the converter refused; a path segment that does not convert stays 404 (no such resource).
     */
    private static Problem unparseableParameter(Throwable cause, UriInfo uri) {
        String text = String.valueOf(cause.getMessage());
        if (uri != null) {
            for (var entry : uri.getQueryParameters().entrySet()) {
                for (String value : entry.getValue()) {
                    if (!value.isEmpty() && (text.contains("\"" + value + "\"") || text.contains("'" + value + "'")
                            || text.endsWith(value) || text.contains(": " + value))) {
                        String message = "'" + value + "' has the wrong type or format";
                        return Problem.of("validation", "Invalid input", 400, entry.getKey() + ": " + message)
                                .withViolations(List.of(new Problem.Violation(entry.getKey(), message)));
                    }
                }
            }
            if (!uri.getQueryParameters().isEmpty() && uri.getPathParameters().values().stream().flatMap(List::stream)
                    .noneMatch(v -> text.contains(v))) {
                return Problem.of("validation", "Invalid input", 400,
                        "A query parameter has the wrong type or format: " + cause.getMessage());
            }
        }
        return Problem.of("not-found", "Not found", 404, "No resource at this path.");
    }

    private static String fieldOf(ConstraintViolation<?> v) {
        // Paths look like "create.body.callerNumber": the method and parameter names mean nothing to a client.
        String path = v.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", Arrays.copyOfRange(parts, 2, parts.length)) : parts[parts.length - 1];
    }

    private static String message(WebApplicationException e, String fallback) {
        String m = e.getMessage();
        return m == null || m.isBlank() || m.startsWith("HTTP ") ? fallback : m;
    }
}
