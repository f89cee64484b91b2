package org.hotline.evaluation.rest;

import org.hotline.common.problem.ProblemException;

/** Page and size checks of every list endpoint. */
final class Paging {

    /** Largest page size. */
    static final int MAX_SIZE = 200;

    private Paging() {
    }

    static void check(int page, int size) {
        if (page < 0 || page > 100_000) {
            throw ProblemException.invalidField("page", "0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.invalidField("size", "1 to " + MAX_SIZE);
        }
    }
}
