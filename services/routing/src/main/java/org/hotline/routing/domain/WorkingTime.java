package org.hotline.routing.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Working time of one tenant or unit: its zone, daily working periods and calendar exceptions (holidays, adjusted
 * working days). Pure arithmetic so that deadlines are reproducible from the data alone.
 */
public final class WorkingTime {

    /** Searching further than this for working time means the calendar data is broken, not that time is short. */
    private static final int MAX_DAYS = 3660;

    /** One working period of a day, e.g. 09:00-12:00. */
    public record Period(LocalTime start, LocalTime end) {
        long minutes() {
            return java.time.Duration.between(start, end).toMinutes();
        }
    }

    private final ZoneId zone;
    private final List<Period> periods;
    private final Map<LocalDate, Boolean> exceptions;
    /** Years for which the national calendar has holiday data; null when unknown (every year is taken as known). */
    private final Set<Integer> yearsWithData;

    public WorkingTime(ZoneId zone, List<Period> periods, Map<LocalDate, Boolean> exceptions) {
        this(zone, periods, exceptions, null);
    }

    public WorkingTime(ZoneId zone, List<Period> periods, Map<LocalDate, Boolean> exceptions, Set<Integer> yearsWithData) {
        this.zone = zone;
        this.periods = List.copyOf(periods);
        this.exceptions = Map.copyOf(exceptions);
        this.yearsWithData = yearsWithData == null ? null : Set.copyOf(yearsWithData);
    }

    /**
     * The first year between {@code from} and {@code to} (in this zone) without holiday data, or null: a deadline
     * reaching such a year counts weekends only and may land on a holiday nobody has entered yet.
     */
    public Integer firstYearWithoutData(Instant from, Instant to) {
        if (yearsWithData == null || from == null || to == null) {
            return null;
        }
        int last = to.atZone(zone).getYear();
        for (int y = from.atZone(zone).getYear(); y <= last; y++) {
            if (!yearsWithData.contains(y)) {
                return y;
            }
        }
        return null;
    }

    /** Parses "09:00-12:00,13:00-17:00"; throws IllegalArgumentException with a readable message. */
    public static List<Period> parsePeriods(String text) {
        List<Period> list = new ArrayList<>();
        LocalTime previousEnd = LocalTime.MIN;
        for (String part : text.split(",")) {
            String[] se = part.trim().split("-");
            if (se.length != 2) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not HH:mm-HH:mm");
            }
            LocalTime start;
            LocalTime end;
            try {
                start = LocalTime.parse(se[0].trim());
                end = LocalTime.parse(se[1].trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not HH:mm-HH:mm");
            }
            if (!end.isAfter(start) || start.isBefore(previousEnd)) {
                throw new IllegalArgumentException("periods must be increasing and not overlap: '" + text + "'");
            }
            list.add(new Period(start, end));
            previousEnd = end;
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("at least one working period is needed");
        }
        return list;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Working minutes of a full working day. */
    public long minutesPerDay() {
        return periods.stream().mapToLong(Period::minutes).sum();
    }

    /** Monday to Friday unless the calendar says otherwise. */
    public boolean isWorkingDay(LocalDate day) {
        Boolean exception = exceptions.get(day);
        if (exception != null) {
            return exception;
        }
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /** The instant {@code minutes} working minutes after {@code start}. */
    public Instant plusWorkingMinutes(Instant start, long minutes) {
        ZonedDateTime cursor = start.atZone(zone);
        long left = minutes;
        LocalDate day = cursor.toLocalDate();
        for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            for (Period p : periods) {
                ZonedDateTime ps = day.atTime(p.start()).atZone(zone);
                ZonedDateTime pe = day.atTime(p.end()).atZone(zone);
                ZonedDateTime from = ps.isAfter(cursor) ? ps : cursor;
                if (!from.isBefore(pe)) {
                    continue;
                }
                long available = java.time.Duration.between(from, pe).toMinutes();
                if (left <= available) {
                    return from.plusMinutes(left).toInstant();
                }
                left -= available;
            }
        }
        throw new IllegalStateException("no working time within " + MAX_DAYS + " days of " + start);
    }

    /** Working minutes between two instants (0 when {@code to} is not after {@code from}). */
    public long workingMinutesBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        ZonedDateTime a = from.atZone(zone);
        ZonedDateTime b = to.atZone(zone);
        long total = 0;
        for (LocalDate day = a.toLocalDate(); !day.isAfter(b.toLocalDate()); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            for (Period p : periods) {
                ZonedDateTime ps = day.atTime(p.start()).atZone(zone);
                ZonedDateTime pe = day.atTime(p.end()).atZone(zone);
                ZonedDateTime s = ps.isAfter(a) ? ps : a;
                ZonedDateTime e = pe.isBefore(b) ? pe : b;
                if (e.isAfter(s)) {
                    total += java.time.Duration.between(s, e).toMinutes();
                }
            }
        }
        return total;
    }

    /**
     * End of the {@code n}-th working day after the day of {@code start} ("办结 within n working days": the day the
     * matter arrives does not count, the last day counts until its last working hour).
     */
    public Instant endOfWorkingDays(Instant start, int n) {
        LocalDate day = start.atZone(zone).toLocalDate();
        int counted = 0;
        for (int i = 0; i < MAX_DAYS; i++) {
            day = day.plusDays(1);
            if (isWorkingDay(day) && ++counted == n) {
                return day.atTime(periods.get(periods.size() - 1).end()).atZone(zone).toInstant();
            }
        }
        throw new IllegalStateException("no " + n + " working days within " + MAX_DAYS + " days of " + start);
    }

    /** The deadline of a limit counted from {@code start}. */
    public Instant deadline(Instant start, int value, LimitUnit unit) {
        return unit == LimitUnit.WORKING_DAYS ? endOfWorkingDays(start, value) : plusWorkingMinutes(start, value * 60L);
    }
}
