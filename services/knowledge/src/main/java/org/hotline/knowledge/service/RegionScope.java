package org.hotline.knowledge.service;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.hotline.common.problem.ProblemException;

/**
 * The chain of scopes a pooling region inherits articles from, most local first. GB/T 2260 codes are hierarchical
 * ({@code PPCCxx}: province {@code PP0000}, city {@code PPCC00}), so ancestors are derived without asking routing.
 */
public record RegionScope(String regionCode, List<String> chain) {

    /** Scope code of national articles. */
    public static final String NATIONAL = "000000";

    private static final Pattern CODE = Pattern.compile("\\d{6}");

    /** The scope of {@code raw} (empty means national only); 400 for anything but a 6-digit code. */
    public static RegionScope of(String field, String raw) {
        if (raw == null || raw.isBlank() || NATIONAL.equals(raw.trim())) {
            return new RegionScope(NATIONAL, List.of(NATIONAL));
        }
        String code = raw.trim();
        if (!CODE.matcher(code).matches() || code.startsWith("00")) {
            throw ProblemException.invalidField(field, "'" + abbreviate(code) + "' is not a 6-digit GB/T 2260 region code "
                    + "such as 370300 (Zibo)");
        }
        List<String> chain = new ArrayList<>(4);
        chain.add(code);
        String city = code.substring(0, 4) + "00";
        if (!city.equals(code)) {
            chain.add(city);
        }
        String province = code.substring(0, 2) + "0000";
        if (!province.equals(city)) {
            chain.add(province);
        }
        chain.add(NATIONAL);
        return new RegionScope(code, List.copyOf(chain));
    }

    /** How local a scope is: 0 national, 1 province, 2 city, 3 county. */
    public static int depth(String scope) {
        if (NATIONAL.equals(scope)) {
            return 0;
        }
        if (scope.endsWith("0000")) {
            return 1;
        }
        return scope.endsWith("00") ? 2 : 3;
    }

    /** The tenant owning a scope: {@code *} for national, else the 2-digit province code. */
    public static String tenantOf(String scope) {
        return NATIONAL.equals(scope) ? "*" : scope.substring(0, 2);
    }

    /** The tenant of the region asked about, for metrics and gap statistics. */
    public String tenant() {
        return tenantOf(regionCode);
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }
}
