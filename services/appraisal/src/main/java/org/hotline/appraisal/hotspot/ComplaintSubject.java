package org.hotline.appraisal.hotspot;

import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a complaint is about, as keys that group the same place however it was written: the normalised address and
 * the housing estate (小区) named in it. "幸福小区", "幸福花园小区" and "幸福花园" are one estate ("幸福"): generic
 * suffixes are dropped, as are the city, district and street before the name.
 */
public final class ComplaintSubject {

    /** Generic endings of estate names, longest first (so 花园小区 wins over 小区). */
    private static final Pattern ESTATE = Pattern.compile(
            "([\\p{IsHan}A-Za-z0-9]{1,20}?)(花园小区|家园小区|小区|花园|家园|新村|公寓|社区|大院|宿舍)");
    /** Administrative and street parts that end before an estate's own name. */
    private static final Pattern BEFORE_NAME = Pattern.compile(".*(省|市|区|县|镇|乡|街道|路|街|大道|巷|弄|号)");
    /** Building, unit and room after the street number: the same place for an address hotspot. */
    private static final Pattern DETAIL = Pattern.compile("([0-9]+号)[0-9]+(号楼|栋|幢|单元|室|层|楼).*$");

    private ComplaintSubject() {
    }

    /** Full-width to half-width (NFKC), lower case, no spaces or punctuation; null for a blank text. */
    public static String normalised(String text) {
        if (text == null) {
            return null;
        }
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[\\s\\p{P}\\p{S}]", "");
        return t.isEmpty() ? null : t;
    }

    /** The address up to its street number (building, unit and room dropped), normalised; null when blank. */
    public static String addressKey(String address) {
        String n = normalised(address);
        if (n == null) {
            return null;
        }
        return DETAIL.matcher(n).replaceFirst("$1");
    }

    /** The estate named in the address as {key, label} (label: the name as written), or null when none is named. */
    public static String[] estate(String address) {
        String n = normalised(address);
        if (n == null) {
            return null;
        }
        Matcher m = ESTATE.matcher(n);
        if (!m.find()) {
            return null;
        }
        String before = n.substring(0, m.start(1));
        String name = m.group(1);
        // The lazy group may have taken street words ("共青团路幸福"): keep only what follows the last of them.
        Matcher cut = BEFORE_NAME.matcher(before + name);
        if (cut.lookingAt() && cut.end() > before.length() && cut.end() < before.length() + name.length()) {
            String own = (before + name).substring(cut.end());
            name = own.length() >= 2 ? own : name; // "市府小区": 府 alone is no name, 市府 is
        }
        if (name.length() < 2) {
            return null; // "新小区": too little to tell estates apart
        }
        return new String[] { name, name + m.group(2) };
    }
}
