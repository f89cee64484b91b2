package org.hotline.intake.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.intake.config.IntakeConfig;

/**
 * Limits login-free case look-ups per client address and minute, so query codes cannot be enumerated. In memory per
 * replica (the limit is per replica; with N replicas a client gets at most N times the limit, still hopeless for
 * guessing 60-bit codes).
 */
@ApplicationScoped
public class PublicLookupLimiter {

    private final int perMinute;
    private final ConcurrentHashMap<String, AtomicInteger> window = new ConcurrentHashMap<>();
    private volatile long minute = currentMinute();

    public PublicLookupLimiter(IntakeConfig config) {
        this.perMinute = config.publicLookupsPerMinute();
    }

    /** Whether {@code client} may look up one more case in the current minute. */
    public boolean allow(String client) {
        long now = currentMinute();
        if (now != minute) {
            minute = now;
            window.clear();
        }
        return window.computeIfAbsent(client, k -> new AtomicInteger()).incrementAndGet() <= perMinute;
    }

    /** Seconds until the current window ends, for Retry-After. */
    public long retryAfterSeconds() {
        return 60 - (System.currentTimeMillis() / 1000) % 60;
    }

    private static long currentMinute() {
        return System.currentTimeMillis() / 60_000;
    }
}
