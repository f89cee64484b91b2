package org.hotline.intake.domain;

/** How an agent wrapped a call up. */
public enum CallOutcome { ANSWERED, WORK_ORDER, CALLBACK, TRANSFERRED }
