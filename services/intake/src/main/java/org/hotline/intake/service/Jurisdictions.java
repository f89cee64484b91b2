package org.hotline.intake.service;

import java.util.Set;

/** Open311 jurisdictions: the tenants, i.e. the 2-digit GB/T 2260 province codes (31 provinces and the XPCC's 66). */
public final class Jurisdictions {

    private static final Set<String> PROVINCES = Set.of("11", "12", "13", "14", "15", "21", "22", "23", "31", "32",
            "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61",
            "62", "63", "64", "65", "66");

    private Jurisdictions() {
    }

    /** Whether {@code id} names a tenant of the platform. */
    public static boolean known(String id) {
        return id != null && PROVINCES.contains(id.trim());
    }
}
