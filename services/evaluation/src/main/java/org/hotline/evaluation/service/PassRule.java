package org.hotline.evaluation.service;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.hotline.common.problem.ProblemException;

/**
 * A campaign's pass rule over the five criteria of the 2015 audit: {@code ALL}, {@code AT_LEAST_<n>}, or a comma list
 * of the criteria that must hold.
 */
public record PassRule(int atLeast, Set<Criterion> required) {

    /** The five criteria: 接听及时, 业务熟练, 首问负责, 服务态度, 文明用语. */
    public enum Criterion { ANSWERED_PROMPTLY, BUSINESS_PROFICIENT, FIRST_RESPONSIBILITY, GOOD_ATTITUDE, CIVIL_LANGUAGE }

    public static PassRule parse(String field, String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        if (t.equals("ALL")) {
            return new PassRule(5, EnumSet.allOf(Criterion.class));
        }
        if (t.startsWith("AT_LEAST_")) {
            try {
                int n = Integer.parseInt(t.substring("AT_LEAST_".length()));
                if (n >= 1 && n <= 5) {
                    return new PassRule(n, EnumSet.noneOf(Criterion.class));
                }
            } catch (NumberFormatException e) {
                // falls through to the problem below
            }
        }
        Set<Criterion> required = EnumSet.noneOf(Criterion.class);
        for (String part : t.split(",")) {
            try {
                required.add(Criterion.valueOf(part.strip()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField(field, "ALL, AT_LEAST_<1..5> or a comma list of "
                        + java.util.Arrays.toString(Criterion.values()));
            }
        }
        return new PassRule(0, required);
    }

    /** Whether a call with these criteria met passes. */
    public boolean passes(Set<Criterion> met) {
        return met.containsAll(required) && met.size() >= atLeast;
    }
}
