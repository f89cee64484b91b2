package org.hotline.system.zz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No personal data in the logs (issue 12): after the other system tests, every log their service processes wrote
 * (target/it-logs, one file per process and start) is scanned for an unmasked mainland mobile number (1[3-9] and 9
 * digits) or an 18-character resident ID number (17 digits and a digit or X, with a plausible birth date), neither
 * part of a longer run of digits. Failsafe runs the IT classes in alphabetical order of their paths (runOrder in the pom), so this class, in package
 * zz, runs last; ServiceProcess empties target/it-logs once per run, so only this run's logs are scanned.
 */
class LogScanIT {

    static final Pattern MOBILE = Pattern.compile("(?<![0-9])(?:\\+?86[- ]?)?(1[3-9][0-9]{9})(?![0-9])");
    static final Pattern RESIDENT_ID = Pattern.compile(
            "(?<![0-9A-Za-z])([1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx])(?![0-9A-Za-z])");
    private static final Path LOGS = Path.of("target", "it-logs");

    @Test
    void noLogOfTheSystemTestRunHoldsAnUnmaskedMobileOrIdNumber() throws IOException {
        assertTrue(Files.isDirectory(LOGS), "no logs in " + LOGS.toAbsolutePath() + ": the system tests wrote none");
        List<Path> logs;
        try (Stream<Path> files = Files.list(LOGS)) {
            logs = files.filter(f -> f.toString().endsWith(".log")).sorted().toList();
        }
        assertFalse(logs.isEmpty(), "no log files in " + LOGS.toAbsolutePath());
        List<String> findings = new ArrayList<>();
        long lines = 0;
        for (Path log : logs) {
            // Decoded leniently: a log may hold bytes that are not UTF-8 (e.g. a NUL from a request).
            List<String> content = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            for (int i = 0; i < content.size(); i++) {
                lines++;
                for (String found : personalData(content.get(i))) {
                    if (findings.size() < 50) {
                        findings.add(log.getFileName() + ":" + (i + 1) + ": " + found + " in: " + abbreviate(content.get(i)));
                    }
                }
            }
        }
        System.out.printf("LogScanIT: scanned %d lines in %d log files%n", lines, logs.size());
        assertEquals(List.of(), findings, "personal data in the logs of the system-test run");
    }

    @Test
    void theScanFindsWhatItLooksForAndLeavesMaskedNumbersAndOtherDigitsAlone() {
        assertEquals(List.of("13905330000"), personalData("caller 13905330000 registered"));
        assertEquals(List.of("13905330000"), personalData("from +86 13905330000,"));
        assertEquals(List.of("37030319800101123X"), personalData("idNumber=37030319800101123X"));
        assertEquals(List.of(), personalData("caller 139****0000, id 370303********123X"));
        assertEquals(List.of(), personalData("position 1700000000000 and uuid 1a2b3c13905330000d"));
        assertEquals(List.of(), personalData("2026-11-29T08:00:00.123+0000 region 370300 at 0533-12393"));
    }

    /** The unmasked mobile and ID numbers in one line (a long number that merely contains one does not count). */
    static List<String> personalData(String line) {
        List<String> out = new ArrayList<>();
        Matcher mobile = MOBILE.matcher(line);
        while (mobile.find()) {
            if (!insideLongerToken(line, mobile.start(1), mobile.end(1))) {
                out.add(mobile.group(1));
            }
        }
        Matcher id = RESIDENT_ID.matcher(line);
        while (id.find()) {
            out.add(id.group(1));
        }
        return out;
    }

    /** A digit run glued to letters (a UUID, a hash, a token) is not a phone number. */
    private static boolean insideLongerToken(String line, int start, int end) {
        return start > 0 && Character.isLetter(line.charAt(start - 1))
                || end < line.length() && Character.isLetter(line.charAt(end));
    }

    private static String abbreviate(String line) {
        return line.length() <= 240 ? line : line.substring(0, 240) + "...";
    }
}
