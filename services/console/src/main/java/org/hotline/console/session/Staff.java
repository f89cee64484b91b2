package org.hotline.console.session;

import java.time.Instant;

/**
 * The person using the console: who, in which role, tenant and (for handlers) unit, with the bearer token the console
 * forwards to the services on their behalf, and when the session ends.
 */
public record Staff(String subject, String name, StaffRole role, String tenant, String unit, String token,
        Instant expiresAt) {

    /** Whether the person may open a screen. */
    public boolean may(StaffRole.Screen screen) {
        return role.screens().contains(screen);
    }

    /** Whether the person may acknowledge lights and hotspot alerts (the template shows the button only then). */
    public boolean acknowledgesAlerts() {
        return role.acknowledgesAlerts();
    }

    /** Whether the person acts for every province. */
    public boolean national() {
        return "*".equals(tenant);
    }

    /** The person's first screen. */
    public String home() {
        return role.screens().get(0).path();
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
