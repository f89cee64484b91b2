package org.hotline.intake.domain;

/** An agent's state; AVAILABLE, BUSY and WRAP_UP count as on duty for wait estimates. */
public enum AgentPresence {
    LOGGED_OUT, LOGGED_IN, AVAILABLE, BUSY, WRAP_UP;

    public boolean onDuty() {
        return this == AVAILABLE || this == BUSY || this == WRAP_UP;
    }
}
