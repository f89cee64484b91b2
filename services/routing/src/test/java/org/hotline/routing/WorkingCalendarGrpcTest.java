package org.hotline.routing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.hotline.contracts.routing.v1.CalendarDay;
import org.hotline.contracts.routing.v1.CalendarDays;
import org.hotline.contracts.routing.v1.GetCalendarRequest;
import org.hotline.contracts.routing.v1.WorkingCalendarGrpc;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The working calendar intake reads for its service hours: the same days that compute routing's deadlines. */
@QuarkusTest
class WorkingCalendarGrpcTest {

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress("localhost", RestAssured.port).usePlaintext().build();
    }

    @AfterEach
    void close() {
        channel.shutdownNow();
    }

    private WorkingCalendarGrpc.WorkingCalendarBlockingStub as(String bearer) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), bearer);
        return WorkingCalendarGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers)).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private static CalendarDay day(CalendarDays days, String date) {
        return days.getDaysList().stream().filter(d -> d.getDate().equals(date)).findFirst().orElseThrow();
    }

    @Test
    void nationalHolidaysAndAdjustedWorkingDaysOf2026AsIntakeSeesThem() {
        CalendarDays days = as(TestTokens.bearer("service", "*")).getCalendar(GetCalendarRequest.newBuilder()
                .setTenant("37").setFromDate("2026-09-19").setToDate("2026-10-11").build());
        assertEquals("37", days.getTenant());
        assertEquals("Asia/Shanghai", days.getZone());
        assertEquals(23, days.getDaysCount());
        assertTrue(day(days, "2026-09-20").getWorkingDay(), "the make-up Sunday is a working day");
        assertEquals("国庆节调休上班", day(days, "2026-09-20").getName());
        assertFalse(day(days, "2026-10-01").getWorkingDay(), "National Day is a holiday");
        assertEquals("国庆节", day(days, "2026-10-01").getName());
        assertTrue(day(days, "2026-10-10").getWorkingDay(), "Saturday 10 Oct is an adjusted working day");
        assertFalse(day(days, "2026-10-11").getWorkingDay(), "an ordinary Sunday");
        assertEquals("", day(days, "2026-10-11").getName());
        assertTrue(day(days, "2026-10-11").getYearHasData());
        assertTrue(days.getVersion() > 0);
    }

    @Test
    void yearsWithoutHolidayDataAreMarked() {
        CalendarDays days = as(TestTokens.bearer("service", "*")).getCalendar(GetCalendarRequest.newBuilder()
                .setTenant("42").setFromDate("2026-12-31").setToDate("2027-01-01").build());
        assertTrue(day(days, "2026-12-31").getYearHasData());
        assertFalse(day(days, "2027-01-01").getYearHasData());
    }

    @Test
    void editingAndRemovingANationalDayChangesTheVersionAndTheDays() {
        // A day far in the future that no deadline of another test reaches.
        LocalDate date = LocalDate.of(2190, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(0, 3000));
        WorkingCalendarGrpc.WorkingCalendarBlockingStub service = as(TestTokens.bearer("service", "*"));
        GetCalendarRequest ask = GetCalendarRequest.newBuilder().setTenant("37").setFromDate(date.toString())
                .setToDate(date.toString()).build();
        CalendarDays before = service.getCalendar(ask);
        boolean ordinarilyWorking = before.getDays(0).getWorkingDay();

        given().urlEncodingEnabled(false).header("Authorization", Fixture.operator()).contentType(ContentType.JSON)
                .body("{\"working\":" + !ordinarilyWorking + ",\"name\":\"测试节\"}")
                .when().put("/api/v1/calendars/%2A/days/" + date)
                .then().statusCode(200);
        CalendarDays edited = service.getCalendar(ask);
        assertEquals(!ordinarilyWorking, edited.getDays(0).getWorkingDay());
        assertEquals("测试节", edited.getDays(0).getName());
        assertNotEquals(before.getVersion(), edited.getVersion());

        given().urlEncodingEnabled(false).header("Authorization", Fixture.operator())
                .when().delete("/api/v1/calendars/%2A/days/" + date)
                .then().statusCode(200);
        CalendarDays removed = service.getCalendar(ask);
        assertEquals(ordinarilyWorking, removed.getDays(0).getWorkingDay());
        assertEquals("", removed.getDays(0).getName());
        assertNotEquals(edited.getVersion(), removed.getVersion());
        given().urlEncodingEnabled(false).header("Authorization", Fixture.operator())
                .when().delete("/api/v1/calendars/%2A/days/" + date)
                .then().statusCode(404);
    }

    @Test
    void onlyTheNationalOperatorEditsTheNationalCalendar() {
        given().urlEncodingEnabled(false).header("Authorization", Fixture.admin("37")).contentType(ContentType.JSON)
                .body("{\"working\":false,\"name\":\"越权\"}")
                .when().put("/api/v1/calendars/%2A/days/2191-03-03")
                .then().statusCode(403);
    }

    @Test
    void staffOfAnotherTenantAndBadRangesAreRefused() {
        StatusRuntimeException denied = assertThrows(StatusRuntimeException.class, () -> as(TestTokens.bearer("agent", "42"))
                .getCalendar(GetCalendarRequest.newBuilder().setTenant("37").setFromDate("2026-10-01")
                        .setToDate("2026-10-02").build()));
        assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());
        assertEquals(2, as(TestTokens.bearer("agent", "37")).getCalendar(GetCalendarRequest.newBuilder().setTenant("37")
                .setFromDate("2026-10-01").setToDate("2026-10-02").build()).getDaysCount());
        StatusRuntimeException tooLong = assertThrows(StatusRuntimeException.class, () -> as(TestTokens.bearer("service", "*"))
                .getCalendar(GetCalendarRequest.newBuilder().setTenant("37").setFromDate("2026-01-01")
                        .setToDate("2027-12-31").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, tooLong.getStatus().getCode());
    }
}
