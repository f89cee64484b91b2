package org.hotline.intake.client;

import org.hotline.common.problem.Problem;
import org.hotline.common.problem.ProblemException;

/** Routing answered and refused the numbers (malformed, unknown area code, nothing to go on): retrying cannot help. */
public class RegionRejectedException extends ProblemException {

    private final String slug;

    public RegionRejectedException(String slug, int status, String detail) {
        super(Problem.of(slug, status == 400 ? "Invalid input" : "Unprocessable contact", status, detail));
        this.slug = slug;
    }

    /** The routing problem slug, e.g. {@code unknown-area-code} or {@code region-undetermined}. */
    public String slug() {
        return slug;
    }
}
