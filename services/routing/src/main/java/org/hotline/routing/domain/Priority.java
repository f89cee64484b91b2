package org.hotline.routing.domain;

/** Urgency of a work order. */
public enum Priority { NORMAL, URGENT }
