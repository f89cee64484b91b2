package org.hotline.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calendar changes move the deadlines of running orders, with audit entries; deadlines into years without data are flagged. */
@QuarkusTest
class CalendarChangeTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void aHolidayOnTheDeadlineDayMovesItAndRemovingTheHolidayMovesItBack() {
        String k = "CAL" + Fixture.unique();
        String unit = Fixture.unit("41", "郑州医保 " + k, "CITY_AGENCY", "410100", null);
        Fixture.rule("41", k, unit, null, 3, "WORKING_DAYS");
        String id = Fixture.order("41", "410100", k, "POLICY_ANSWER");
        Instant due = Instant.parse(given().header("Authorization", Fixture.agent("41"))
                .when().get("/api/v1/work-orders/" + id).then().statusCode(200).extract().path("dueAt"));
        LocalDate dueDay = due.atZone(SHANGHAI).toLocalDate();

        given().header("Authorization", Fixture.admin("41")).contentType(ContentType.JSON)
                .body("{\"working\":false,\"name\":\"测试地方假日\"}")
                .when().put("/api/v1/calendars/41/days/" + dueDay)
                .then().statusCode(200);
        try {
            Instant moved = Instant.parse(given().header("Authorization", Fixture.agent("41"))
                    .when().get("/api/v1/work-orders/" + id).then().statusCode(200).extract().path("dueAt"));
            assertTrue(moved.isAfter(due), "the deadline moves past the new holiday: " + moved);
            assertNotEquals(dueDay, moved.atZone(SHANGHAI).toLocalDate());
            List<String> actions = given().header("Authorization", Fixture.agent("41"))
                    .when().get("/api/v1/work-orders/" + id + "/history").then().statusCode(200).extract().path("action");
            assertTrue(actions.contains("DEADLINE_RECOMPUTED"), actions.toString());
            given().header("Authorization", Fixture.admin("41"))
                    .when().get("/api/v1/calendars/41/changes")
                    .then().statusCode(200)
                    .body("[0].day", equalTo(dueDay.toString()))
                    .body("[0].action", equalTo("SET"))
                    .body("[0].actor", notNullValue());
        } finally {
            given().header("Authorization", Fixture.admin("41"))
                    .when().delete("/api/v1/calendars/41/days/" + dueDay)
                    .then().statusCode(200);
        }
        given().header("Authorization", Fixture.agent("41"))
                .when().get("/api/v1/work-orders/" + id).then().statusCode(200).body("dueAt", equalTo(due.toString()));
        given().header("Authorization", Fixture.admin("41"))
                .when().get("/api/v1/calendars/41/changes")
                .then().statusCode(200).body("action", hasItem("REMOVED"));
    }

    @Test
    void aDeadlineCountedIntoAYearWithoutHolidayDataIsFlagged() {
        String k = "YR" + Fixture.unique();
        String unit = Fixture.unit("41", "郑州医保 " + k, "CITY_AGENCY", "410100", null);
        // 300 working days reach well into a year whose holidays nobody has entered.
        Fixture.rule("41", k, unit, null, 300, "WORKING_DAYS");
        String id = Fixture.order("41", "410100", k, "POLICY_ANSWER");
        Integer year = given().header("Authorization", Fixture.agent("41"))
                .when().get("/api/v1/work-orders/" + id).then().statusCode(200)
                .body("deadlineWarning", notNullValue()).extract().path("deadlineYearWithoutData");
        assertTrue(year > LocalDate.now(SHANGHAI).getYear() - 1, "year " + year);
    }

    @Test
    void tenantAdminsCannotChangeAnotherTenantsCalendarOrReadItsChanges() {
        given().header("Authorization", Fixture.admin("42")).contentType(ContentType.JSON)
                .body("{\"working\":false,\"name\":\"越权\"}")
                .when().put("/api/v1/calendars/41/days/2192-01-05")
                .then().statusCode(403);
        given().header("Authorization", Fixture.admin("42"))
                .when().delete("/api/v1/calendars/41/days/2192-01-05")
                .then().statusCode(403);
        given().header("Authorization", Fixture.admin("42"))
                .when().get("/api/v1/calendars/41/changes")
                .then().statusCode(403);
    }
}
