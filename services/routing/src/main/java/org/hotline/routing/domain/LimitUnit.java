package org.hotline.routing.domain;

/** Unit of a time limit, counted on the working calendar. */
public enum LimitUnit { WORKING_DAYS, WORKING_HOURS }
