package org.hotline.intake.domain;

/** Where a callback stands: waiting keeps the caller's place; dialing is an agent's task. */
public enum CallbackStatus { WAITING, DIALING, DONE, FAILED }
