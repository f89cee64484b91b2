package org.hotline.common.phone;

import java.util.regex.Pattern;

/** Normalises Chinese phone numbers (E.164 for mobiles, area code + number for landlines) and masks them for lists and logs. */
public final class PhoneNumber {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    /** Two-digit area codes after the trunk 0: Beijing 010 and the 02x cities; all others have three. Local parts of
     * 5 to 8 digits cover subscriber lines and short service numbers such as 12393 dialed behind an area code. */
    private static final Pattern SHORT_AREA = Pattern.compile("0(10|2\\d)\\d{5,8}");
    private static final Pattern LONG_AREA = Pattern.compile("0[3-9]\\d{2}\\d{5,8}");

    private PhoneNumber() {
    }

    /** Only the digits of {@code raw}, with an international +86/0086 prefix turned into the domestic form. */
    public static String digits(String raw) {
        if (raw == null) {
            return "";
        }
        String d = raw.replaceAll("[^0-9+]", "");
        if (d.startsWith("+86")) {
            d = d.substring(3);
            return MOBILE.matcher(d).matches() || d.startsWith("0") ? d : "0" + d;
        }
        if (d.startsWith("0086")) {
            d = d.substring(4);
            return MOBILE.matcher(d).matches() || d.startsWith("0") ? d : "0" + d;
        }
        return d.replace("+", "");
    }

    /** Whether {@code raw} is a mainland mobile number. */
    public static boolean isMobile(String raw) {
        return MOBILE.matcher(digits(raw)).matches();
    }

    /**
     * The canonical form: {@code +8613905330000} for mobiles, {@code 0533-3120000} for landlines, plain digits for
     * service numbers such as 12393. Returns {@code null} when nothing usable is left.
     */
    public static String normalise(String raw) {
        String d = digits(raw);
        if (d.isEmpty()) {
            return null;
        }
        if (MOBILE.matcher(d).matches()) {
            return "+86" + d;
        }
        if (SHORT_AREA.matcher(d).matches()) {
            return d.substring(0, 3) + "-" + d.substring(3);
        }
        if (LONG_AREA.matcher(d).matches()) {
            return d.substring(0, 4) + "-" + d.substring(4);
        }
        return d;
    }

    /** The number with its middle hidden ({@code 139****0000}), safe for lists, logs and metrics. */
    public static String mask(String raw) {
        if (raw == null || raw.isBlank()) {
            return raw;
        }
        String d = digits(raw);
        if (MOBILE.matcher(d).matches()) {
            return d.substring(0, 3) + "****" + d.substring(7);
        }
        if (d.length() <= 5) {
            return d;
        }
        String n = normalise(raw);
        int dash = n.indexOf('-');
        String local = dash > 0 ? n.substring(dash + 1) : n;
        String prefix = dash > 0 ? n.substring(0, dash + 1) : "";
        int keep = Math.min(4, local.length() / 2);
        return prefix + "*".repeat(local.length() - keep) + local.substring(local.length() - keep);
    }
}
