package org.hotline.intake.rest;

import java.util.List;

/** One page of a list, with the total across pages. */
public record PageView<T>(List<T> items, int page, int size, long total) {
}
