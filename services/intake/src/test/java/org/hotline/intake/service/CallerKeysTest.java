package org.hotline.intake.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pseudonymous caller key: one key per caller whatever the number's spelling, none without a secret. */
class CallerKeysTest {

    private final CallerKeys keys = new CallerKeys(() -> Optional.of("a-deployment-secret"));

    @Test
    void oneMobileWrittenThreeWaysGivesOneKeyAndAnotherNumberAnother() {
        String key = keys.of("13900000000");
        assertEquals(64, key.length());
        assertEquals(key, keys.of("+86 139-0000-0000"));
        assertEquals(key, keys.of("008613900000000"));
        assertNotEquals(key, keys.of("13900000001"));
        assertNotEquals(key, new CallerKeys(() -> Optional.of("another-deployment")).of("13900000000"),
                "another deployment's secret gives another key");
    }

    @Test
    void noNumberOrNoSecretGivesNoKey() {
        assertEquals("", keys.of(null));
        assertEquals("", keys.of(""));
        assertEquals("", new CallerKeys(Optional::empty).of("13900000000"));
    }
}
