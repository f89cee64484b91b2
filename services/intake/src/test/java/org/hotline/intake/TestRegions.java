package org.hotline.intake;

import java.util.concurrent.ThreadLocalRandom;

/** Fresh test queues: regions of tenant 98 (always open) or 99 (never open) that earlier runs are unlikely to have used. */
final class TestRegions {

    private TestRegions() {
    }

    /** A region of the always-open test tenant 98. */
    static String open() {
        return "98" + String.format("%04d", ThreadLocalRandom.current().nextInt(10000));
    }

    /** A region of the never-open test tenant 99. */
    static String closed() {
        return "99" + String.format("%04d", ThreadLocalRandom.current().nextInt(10000));
    }
}
