package org.hotline.testing.fuzz;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes a fuzz value for a URL; a lone surrogate is written as the three bytes a careless encoder would
 * give it (invalid UTF-8, on purpose), so the service must cope with undecodable path segments and parameters.
 */
final class UrlText {

    private UrlText() {
    }

    /** One path segment ("/" encoded too, "." and ".." kept as they are). */
    static String segment(String value) {
        if (value.equals(".") || value.equals("..")) {
            return value;
        }
        return encode(value);
    }

    /** A query name or value. */
    static String component(String value) {
        return encode(value);
    }

    private static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append(c);
                continue;
            }
            byte[] bytes;
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                bytes = value.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes = new byte[] { (byte) (0xE0 | c >> 12), (byte) (0x80 | c >> 6 & 0x3F), (byte) (0x80 | c & 0x3F) };
            } else {
                bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            }
            for (byte b : bytes) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4 & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
