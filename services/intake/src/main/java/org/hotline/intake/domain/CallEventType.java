package org.hotline.intake.domain;

/** What the telephony switch reports about a call. */
public enum CallEventType { OFFERED, QUEUED, ANSWERED, ABANDONED, ENDED }
