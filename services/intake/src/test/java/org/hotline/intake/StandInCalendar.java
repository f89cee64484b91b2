package org.hotline.intake;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hotline.contracts.routing.v1.CalendarDay;
import org.hotline.contracts.routing.v1.CalendarDays;
import org.hotline.contracts.routing.v1.GetCalendarRequest;
import org.hotline.contracts.routing.v1.WorkingCalendar;

/**
 * Routing's working calendar as routing serves it (TESTING.md rule 1): the State Council's 2026 holidays and make-up
 * working days (routing's V3 migration), weekends otherwise, years other than 2026 without data; at most 400 days,
 * INVALID_ARGUMENT for a bad range.
 */
@GrpcService
@RolesAllowed("service")
public class StandInCalendar implements WorkingCalendar {

    /** While true, every call fails as an unreachable routing would. */
    public static final AtomicBoolean DOWN = new AtomicBoolean();

    private static final Map<String, String[]> HOLIDAYS_2026 = Map.of(
            "元旦", new String[] { "2026-01-01", "2026-01-03" }, "春节", new String[] { "2026-02-15", "2026-02-23" },
            "清明节", new String[] { "2026-04-04", "2026-04-06" }, "劳动节", new String[] { "2026-05-01", "2026-05-05" },
            "端午节", new String[] { "2026-06-19", "2026-06-21" }, "中秋节", new String[] { "2026-09-25", "2026-09-27" },
            "国庆节", new String[] { "2026-10-01", "2026-10-07" });
    private static final Map<String, String> MAKE_UP_2026 = Map.of("2026-01-04", "元旦调休上班",
            "2026-02-14", "春节调休上班", "2026-02-28", "春节调休上班", "2026-05-09", "劳动节调休上班",
            "2026-09-20", "国庆节调休上班", "2026-10-10", "国庆节调休上班");

    @Override
    public Uni<CalendarDays> getCalendar(GetCalendarRequest request) {
        if (DOWN.get()) {
            return Uni.createFrom().failure(Status.UNAVAILABLE.withDescription("routing is down").asRuntimeException());
        }
        LocalDate from;
        LocalDate to;
        try {
            from = LocalDate.parse(request.getFromDate());
            to = LocalDate.parse(request.getToDate());
        } catch (DateTimeParseException e) {
            return Uni.createFrom().failure(Status.INVALID_ARGUMENT.withDescription("dates").asRuntimeException());
        }
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) > 400) {
            return Uni.createFrom().failure(Status.INVALID_ARGUMENT.withDescription("range").asRuntimeException());
        }
        CalendarDays.Builder out = CalendarDays.newBuilder().setTenant(request.getTenant()).setZone("Asia/Shanghai")
                .setVersion(1);
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            out.addDays(day(d));
        }
        return Uni.createFrom().item(out.build());
    }

    static CalendarDay day(LocalDate d) {
        boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
        CalendarDay.Builder b = CalendarDay.newBuilder().setDate(d.toString()).setYearHasData(d.getYear() == 2026)
                .setWorkingDay(!weekend);
        if (d.getYear() == 2026) {
            for (var h : HOLIDAYS_2026.entrySet()) {
                if (!d.isBefore(LocalDate.parse(h.getValue()[0])) && !d.isAfter(LocalDate.parse(h.getValue()[1]))) {
                    b.setWorkingDay(false).setName(h.getKey());
                }
            }
            String makeUp = MAKE_UP_2026.get(d.toString());
            if (makeUp != null) {
                b.setWorkingDay(true).setName(makeUp);
            }
        }
        return b.build();
    }
}
