package org.hotline.charttests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A committed file produced from the chart (k8s/base, the chart README's values table). Tests compare it with a
 * fresh rendering and fail when it is stale; with -Dhotline.regenerate=true they write it instead.
 */
final class GeneratedFile {

    private GeneratedFile() {
    }

    static boolean regenerating() {
        return Boolean.getBoolean("hotline.regenerate");
    }

    static void checkOrWrite(Path file, String expected, String command) throws IOException {
        if (regenerating()) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, expected, StandardCharsets.UTF_8);
            System.out.println("wrote " + file);
            return;
        }
        String actual = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (!expected.equals(actual)) {
            fail(RepositoryLayout.root().relativize(file) + " is stale relative to helm/hotline: run " + command
                    + " and commit the result. " + firstDifference(expected, actual));
        }
    }

    /** Where the committed file first differs, so the failure says what changed without dumping whole files. */
    private static String firstDifference(String expected, String actual) {
        String[] want = expected.split("\n", -1);
        String[] have = actual.split("\n", -1);
        for (int i = 0; i < Math.max(want.length, have.length); i++) {
            String w = i < want.length ? want[i] : "<end of file>";
            String h = i < have.length ? have[i] : "<end of file>";
            if (!w.equals(h)) {
                return "Line " + (i + 1) + ": expected [" + w.strip() + "] but the file has [" + h.strip() + "]";
            }
        }
        return "";
    }
}
