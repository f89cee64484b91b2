package org.hotline.intake.service;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hotline.common.problem.Problem;
import org.hotline.common.problem.ProblemException;
import org.hotline.intake.config.IntakeConfig;

/**
 * One province's weekly service hours: opening and closing time, an optional lunch break inside them, the working
 * days of the week, in the province's zone. {@link LocalTime#MAX} stands for "24:00" (open to the end of the day).
 */
public record WeeklyHours(String zone, LocalTime open, LocalTime close, LocalTime lunchStart, LocalTime lunchEnd,
        Set<DayOfWeek> days) {

    /** The opening periods of a working day: one, or two around the lunch break. */
    public List<LocalTime[]> periods() {
        if (lunchStart == null) {
            return List.<LocalTime[]>of(new LocalTime[] { open, close });
        }
        return List.<LocalTime[]>of(new LocalTime[] { open, lunchStart }, new LocalTime[] { lunchEnd, close });
    }

    /** The periods as text, e.g. {@code 09:00-12:00}. */
    public List<String> periodTexts() {
        return periods().stream().map(p -> format(p[0]) + "-" + format(p[1])).toList();
    }

    /** The days in week order, e.g. {@code MONDAY}. */
    public List<String> dayNames() {
        return days.stream().sorted().map(DayOfWeek::name).toList();
    }

    /**
     * The configured hours as weekly hours: one period is open–close, two are open–lunch–close; more periods (only
     * possible in configuration) show as open at the first start and closed at the last end, without a break.
     */
    static WeeklyHours of(IntakeConfig.ServiceHours configured) {
        List<LocalTime[]> periods = configured.periods().stream().map(p -> {
            String[] parts = p.trim().split("-");
            return new LocalTime[] { time(parts[0].trim()), time(parts[1].trim()) };
        }).toList();
        LocalTime[] first = periods.get(0);
        LocalTime[] last = periods.get(periods.size() - 1);
        boolean lunch = periods.size() == 2;
        return new WeeklyHours(configured.zone(), first[0], last[1], lunch ? first[1] : null, lunch ? last[0] : null,
                days(configured.days()));
    }

    /**
     * Weekly hours from what an administrator typed, each field checked: 400 problem+json naming every offending
     * field and what it must look like. A blank zone or no days keeps {@code current}'s.
     */
    public static WeeklyHours parse(String zone, String open, String close, String lunchStart, String lunchEnd,
            List<String> days, WeeklyHours current) {
        List<Problem.Violation> wrong = new ArrayList<>();
        String z = blank(zone) ? current.zone() : zone.strip();
        try {
            ZoneId.of(z);
        } catch (DateTimeException e) {
            wrong.add(new Problem.Violation("zone", "'" + clip(z) + "' is not a time zone; use a region id such as "
                    + "Asia/Shanghai or Asia/Urumqi"));
        }
        LocalTime o = field(wrong, "open", open, true);
        LocalTime c = field(wrong, "close", close, true);
        LocalTime ls = field(wrong, "lunchBreakStart", lunchStart, false);
        LocalTime le = field(wrong, "lunchBreakEnd", lunchEnd, false);
        if (o != null && c != null && !o.isBefore(c)) {
            wrong.add(new Problem.Violation("close", "must be later than open (" + format(o) + "); the line opens "
                    + "and closes on the same day, 24:00 at the latest"));
        }
        if (o != null && o.equals(LocalTime.MAX)) {
            wrong.add(new Problem.Violation("open", "24:00 is the end of the day; open at 23:59 at the latest"));
        }
        if ((ls == null) != (le == null) && wrong.stream().noneMatch(v -> v.field().startsWith("lunch"))) {
            wrong.add(new Problem.Violation(ls == null ? "lunchBreakStart" : "lunchBreakEnd",
                    "give both the start and the end of the lunch break, or neither"));
        }
        if (ls != null && le != null && o != null && c != null && o.isBefore(c)) {
            if (!ls.isBefore(le)) {
                wrong.add(new Problem.Violation("lunchBreakEnd", "must be later than lunchBreakStart (" + format(ls)
                        + ")"));
            } else if (!o.isBefore(ls) || !le.isBefore(c)) {
                wrong.add(new Problem.Violation("lunchBreakStart", "the lunch break (" + format(ls) + "-" + format(le)
                        + ") must lie inside the opening hours (" + format(o) + "-" + format(c) + ")"));
            }
        }
        Set<DayOfWeek> d = current.days();
        if (days != null && !days.isEmpty()) {
            try {
                d = days(days);
            } catch (IllegalArgumentException e) {
                wrong.add(new Problem.Violation("days", "each day must be one of MONDAY, TUESDAY, WEDNESDAY, "
                        + "THURSDAY, FRIDAY, SATURDAY, SUNDAY"));
            }
        } else if (days != null) {
            wrong.add(new Problem.Violation("days", "name at least one working day, e.g. [\"MONDAY\",\"FRIDAY\"]"));
        }
        if (!wrong.isEmpty()) {
            String detail = String.join("; ", wrong.stream().map(v -> v.field() + ": " + v.message()).toList());
            throw new ProblemException(Problem.of("validation", "Invalid input", 400, detail).withViolations(wrong));
        }
        return new WeeklyHours(z, o, c, ls, le, d);
    }

    /** A time as written back: {@code 08:30}, {@code 24:00} for the end of the day. */
    public static String format(LocalTime t) {
        if (t == null) {
            return null;
        }
        if (t.equals(LocalTime.MAX)) {
            return "24:00";
        }
        return t.getSecond() == 0 && t.getNano() == 0 ? String.format(Locale.ROOT, "%02d:%02d", t.getHour(),
                t.getMinute()) : t.toString();
    }

    /** A time as stored or typed ({@code HH:mm}, {@code HH:mm:ss}, {@code 24:00}). */
    static LocalTime time(String text) {
        String t = text.strip();
        return "24:00".equals(t) || "24:00:00".equals(t) ? LocalTime.MAX : LocalTime.parse(t);
    }

    static Set<DayOfWeek> days(List<String> names) {
        Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
        for (String n : names) {
            set.add(DayOfWeek.valueOf(n.strip().toUpperCase(Locale.ROOT)));
        }
        return set;
    }

    private static LocalTime field(List<Problem.Violation> wrong, String name, String value, boolean required) {
        if (blank(value)) {
            if (required) {
                wrong.add(new Problem.Violation(name, "is required: a time such as 08:30 (24-hour clock)"));
            }
            return null;
        }
        try {
            return time(value);
        } catch (DateTimeParseException e) {
            wrong.add(new Problem.Violation(name, "'" + clip(value.strip()) + "' is not a time; write HH:mm on the 24-hour "
                    + "clock, such as 08:30 or 17:30 (24:00 for the end of the day)"));
            return null;
        }
    }

    /** Echoes at most 40 characters of what was typed. */
    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
