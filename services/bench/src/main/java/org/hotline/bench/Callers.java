package org.hotline.bench;

import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Realistic Shandong callers: dialed area codes of its cities and mobile or landline callers, never repeated keys. */
final class Callers {

    /** Area codes of Shandong's pooling regions (济南 0531 ... 菏泽 0530), as a Shandong agent's tenant allows. */
    private static final String[] AREA_CODES = {"0531", "0532", "0533", "0534", "0535", "0536", "0537", "0538",
        "0539", "0543", "0546", "0631", "0633", "0635", "0530"};

    private Callers() {
    }

    /** An endless feeder of contact bodies with a fresh Idempotency-Key each. */
    static Iterator<Map<String, Object>> contacts() {
        Supplier<Map<String, Object>> next = () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String area = AREA_CODES[random.nextInt(AREA_CODES.length)];
            String caller = random.nextInt(4) == 0
                    ? area + "-" + (2000000 + random.nextInt(7000000))
                    : "139" + String.format("%08d", random.nextInt(100_000_000));
            return Map.of("dialed", area + "-12393", "caller", caller, "key", UUID.randomUUID().toString());
        };
        return Stream.generate(next).iterator();
    }
}
