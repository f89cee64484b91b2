package org.hotline.common.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chinese phone numbers through libphonenumber (parsing, number types, area codes) and its offline geocoder (a
 * mobile's home city from its prefix, no network): normalised (E.164 for mobiles, area code + number for landlines)
 * and masked for lists and logs.
 */
public final class PhoneNumber {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final PhoneNumberOfflineGeocoder GEOCODER = PhoneNumberOfflineGeocoder.getInstance();
    private static final String CHINA = "CN";
    /** What the geocoder answers when it knows only the country. */
    private static final String COUNTRY_ONLY = "中国";
    /** An area code written apart from the number: "0123-12393", "(0533)12393", "0533 12393", "+86 533 12393". */
    private static final Pattern WRITTEN_AREA = Pattern.compile("^\\(?(0?[1-9]\\d{1,2})(?:\\)[-\\s]*|[-\\s]+)\\d");
    private static final Pattern INTERNATIONAL = Pattern.compile("^\\s*(\\+|00)86[-\\s]*");

    private PhoneNumber() {
    }

    /** Only the digits of {@code raw}, with an international +86/0086 prefix turned into the domestic form. */
    public static String digits(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder kept = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if ((c >= '0' && c <= '9') || c == '+') {
                kept.append(c);
            }
        }
        // A loop, not replaceAll: this runs several times per contact and per resolution (no regex compiled each time).
        String d = kept.toString();
        if (d.startsWith("+86") || d.startsWith("0086")) {
            d = d.substring(d.startsWith("+") ? 3 : 4);
            return isMobileDigits(d) || d.startsWith("0") ? d : "0" + d;
        }
        return d.replace("+", "");
    }

    /** Whether {@code raw} is a mainland mobile number (by libphonenumber's number plan). */
    public static boolean isMobile(String raw) {
        return isMobileDigits(digits(raw));
    }

    private static boolean isMobileDigits(String d) {
        if (d.length() != 11 || d.charAt(0) != '1') {
            return false;
        }
        Phonenumber.PhoneNumber n = parse(d);
        return n != null && UTIL.getNumberType(n) == PhoneNumberType.MOBILE;
    }

    /**
     * The telephone area code (区号, with its trunk 0) the number is dialed with: {@code 0533} for "0533-12393" or
     * "+86 533 3120000", {@code 010} for "01012393", else null (mobiles, bare service numbers such as 12393). An
     * area code written apart from the rest ("0123-12393") is taken as written, never shortened to a known one;
     * without separators libphonenumber's number plan decides, and for short service numbers behind an area code
     * the plan's shape (010 and 02x have three digits, all others four).
     */
    public static String areaCode(String raw) {
        String d = digits(raw);
        if (!d.startsWith("0") || d.length() < 6) {
            return null;
        }
        String text = INTERNATIONAL.matcher(raw).replaceFirst("0").trim();
        Matcher written = WRITTEN_AREA.matcher(text);
        if (written.find()) {
            String area = written.group(1);
            return area.startsWith("0") ? area : "0" + area;
        }
        Phonenumber.PhoneNumber n = parse(d);
        if (n != null && UTIL.isValidNumber(n)) {
            int length = UTIL.getLengthOfGeographicalAreaCode(n);
            if (length > 0) {
                return "0" + String.valueOf(n.getNationalNumber()).substring(0, length);
            }
        }
        boolean threeDigits = d.startsWith("010") || d.startsWith("02");
        return d.substring(0, threeDigits ? 3 : 4);
    }

    /**
     * The home region of a mobile number (or a landline's city) in Chinese from libphonenumber's offline geocoder,
     * e.g. "山东省淄博市" for 13905330000; null when the geocoder knows only the country or nothing.
     */
    public static String homeRegion(String raw) {
        String d = digits(raw);
        Phonenumber.PhoneNumber n = d.isEmpty() ? null : parse(d);
        if (n == null || !UTIL.isValidNumber(n)) {
            return null;
        }
        String description = GEOCODER.getDescriptionForNumber(n, Locale.SIMPLIFIED_CHINESE);
        return description == null || description.isBlank() || COUNTRY_ONLY.equals(description) ? null : description;
    }

    /**
     * The canonical form: {@code +8613905330000} for mobiles, {@code 0533-3120000} for landlines (and
     * {@code 0533-12393} for a service number behind an area code), plain digits for service numbers such as
     * 12393. Returns {@code null} when nothing usable is left.
     */
    public static String normalise(String raw) {
        String d = digits(raw);
        if (d.isEmpty()) {
            return null;
        }
        if (isMobileDigits(d)) {
            return "+86" + d;
        }
        String area = areaCode(raw);
        if (area != null) {
            String local = d.substring(area.length());
            if (local.length() >= 5 && local.length() <= 8) {
                return area + "-" + local;
            }
        }
        return d;
    }

    /** The number with its middle hidden ({@code 139****0000}), safe for lists, logs and metrics. */
    public static String mask(String raw) {
        if (raw == null || raw.isBlank()) {
            return raw;
        }
        String d = digits(raw);
        if (d.length() == 11 && d.charAt(0) == '1') {
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

    private static Phonenumber.PhoneNumber parse(String digits) {
        if (digits.length() > 20) {
            return null;
        }
        try {
            return UTIL.parse(digits, CHINA);
        } catch (NumberParseException e) {
            return null;
        }
    }
}
