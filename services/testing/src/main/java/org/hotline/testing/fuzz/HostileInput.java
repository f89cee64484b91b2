package org.hotline.testing.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * What an attacker or a broken client sends, as jqwik arbitraries: injection strings, Unicode edge cases (NUL, lone
 * surrogates, right-to-left marks, full-width digits, 4-byte characters, byte-order marks), very long strings, odd
 * numbers, and random text. The values are Java strings; {@link JsonText} writes them as JSON (lone surrogates as
 * {@code \\uD800} escapes, which a strict parser must still cope with).
 */
public final class HostileInput {

    /** Fixed adversarial values: each is tried in the field, query parameter or path segment being fuzzed. */
    static final String[] ADVERSARIAL = {
            "", " ", "\u0000", "a\u0000b", "370300\u0000", "%00", "\uD800", "\uDC00", "x\uDBFF", "\uDFFFy",
            "\u202Eevil\u202C", "\u200F370300", "\u200B", "\uFEFF37", "１３９０５３３００００", "３７",
            "\uD840\uDC00\uD835\uDCB3\uD83D\uDE00", "😀".repeat(300), "e\u0301\u0301\u0301",
            "' OR '1'='1", "'; DROP TABLE contact; --", "1 UNION SELECT null, current_user --", "\\'; SELECT pg_sleep(0); --",
            "$$;", "%' AND 1=1 --", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
            "${jndi:ldap://example.invalid/a}", "#{7*7}", "{{7*7}}", "../../../../etc/passwd", "..", ".", "/", "\\",
            "%2e%2e%2f", "\r\nX-Injected: 1", "\t", "null", "true", "[]", "{}", "-1", "0", "2147483648",
            "-9223372036854775809", "1e309", "NaN", "Infinity", "0x1F", "2026-02-30", "2026-13-01T25:61:00Z",
            "9999-12-31T23:59:59Z", "0000-01-01", "13905330000", "+8613905330000", "0533-12393", "37030319800101123X",
            "*", "37", "99", "**", "ＰＨＯＮＥ", "phone", "PHONE ", "POLICY_ANSWER\u0000", "a".repeat(129),
            "问".repeat(2001), "x".repeat(70_000) };

    private HostileInput() {
    }

    /** One hostile string: an adversarial value, random text from the whole UTF-16 range, or a long run. */
    public static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.of(ADVERSARIAL)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMaxLength(40)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u001f')
                        .withCharRange('０', '９').withChars("'\";--<>&%\\/\u202E\u200F").ofMinLength(1).ofMaxLength(30)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("问a1 ").ofMinLength(200).ofMaxLength(9000)));
    }

    /** A value that is not a string at all, for a field that expects one (or the reverse). */
    public static Arbitrary<Object> wrongTypes() {
        return Arbitraries.of(Long.MAX_VALUE, -1L, 0L, 1.5e308, true, false, JsonText.NULL,
                JsonText.raw("[]"), JsonText.raw("{}"), JsonText.raw("[1,\"a\",null]"), JsonText.raw("{\"a\":{\"b\":[]}}"),
                JsonText.raw("123456789012345678901234567890"), JsonText.raw("-0"), JsonText.raw("1E400"));
    }

    /** A header value an HTTP client can send (visible ASCII, Latin-1 bytes, long values), adversarial in content. */
    public static Arbitrary<String> headerValues() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "a".repeat(129), "k".repeat(4000), "' OR '1'='1", "<script>", "../..", "%00",
                        "\u00ff\u00e9", "*", "-1", "null", "1.2.3.4, 5.6.7.8", "unknown", "::1", "999.999.1.1",
                        "for=\"[2001:db8::1]\";proto=https", "text/html", "application/json; charset=ebcdic"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(80));
    }

    /** A random query parameter name, declared or not. */
    public static Arbitrary<String> parameterNames() {
        return Arbitraries.oneOf(Arbitraries.of("tenant", "page", "size", "sort", "q", "id", "from", "to", "status",
                "$where", "size[]", "page%00", "__proto__", ""), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12));
    }
}
