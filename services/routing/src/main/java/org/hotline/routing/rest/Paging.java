package org.hotline.routing.rest;

import org.hotline.common.problem.ProblemException;

/** Checks list paging parameters: page from 0, size 1..200. */
final class Paging {

    static final int MAX_SIZE = 200;

    private Paging() {
    }

    static void check(int page, int size) {
        if (page < 0) {
            throw ProblemException.invalidField("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.invalidField("size", "must be between 1 and " + MAX_SIZE);
        }
    }
}
