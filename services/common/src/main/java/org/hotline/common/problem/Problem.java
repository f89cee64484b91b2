package org.hotline.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 7807 problem detail, the body of every error response of the suite. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        List<Violation> violations) {

    /** Media type of problem bodies. */
    public static final String MEDIA_TYPE = "application/problem+json";
    /** Prefix of every problem {@code type}; the slug after it is stable and documented in docs/errors.md. */
    public static final String TYPE_PREFIX = "urn:hotline:problem:";

    /** One offending input field and what is wrong with it. */
    public record Violation(String field, String message) {
    }

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(TYPE_PREFIX + slug, title, status, detail, null, List.of());
    }

    public Problem withViolations(List<Violation> list) {
        return new Problem(type, title, status, detail, instance, list);
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, violations);
    }
}
