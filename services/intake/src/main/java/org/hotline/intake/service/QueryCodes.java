package org.hotline.intake.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;

/** Query codes (查询码) for citizens: 12 random characters, 60 bits, without look-alikes (0/O, 1/I/L). */
@ApplicationScoped
public class QueryCodes {

    private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new code; at 60 bits and a rate-limited look-up, guessing one is hopeless. */
    public String next() {
        StringBuilder b = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            b.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return b.toString();
    }

    /** Whether {@code code} has the shape of a query code (checked before touching the database). */
    public boolean wellFormed(String code) {
        return code != null && code.matches("[2-9A-HJKMNP-Z]{12}");
    }
}
