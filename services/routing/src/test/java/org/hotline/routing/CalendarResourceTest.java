package org.hotline.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CalendarResourceTest {

    @Test
    void threeWorkingDaysFromEveOfNationalDayEndOnTheAdjustedWorkingSaturday() {
        // Wed 30 Sep 2026 10:00 Shanghai; 1-7 Oct is the holiday; Thu 8, Fri 9 and Sat 10 Oct (调休上班) count.
        given().header("Authorization", Fixture.agent("37"))
                .queryParam("from", "2026-09-30T02:00:00Z").queryParam("value", 3).queryParam("unit", "WORKING_DAYS")
                .when().get("/api/v1/calendars/37/deadline")
                .then().statusCode(200)
                .body("deadline", equalTo("2026-10-10T09:00:00Z"));
    }

    @Test
    void workingHoursSkipLunchNightsAndTheSpringFestival() {
        // Fri 13 Feb 2026 16:00 Shanghai: 1 hour left that day; Sat 14 Feb is an adjusted working day (调休上班),
        // 15-23 Feb the Spring Festival holiday. 5 working hours: 1 h Fri, 3 h Sat morning, 1 h Sat after lunch.
        given().header("Authorization", Fixture.agent("37"))
                .queryParam("from", "2026-02-13T08:00:00Z").queryParam("value", 5).queryParam("unit", "WORKING_HOURS")
                .when().get("/api/v1/calendars/37/deadline")
                .then().statusCode(200)
                .body("deadline", equalTo("2026-02-14T06:00:00Z"))
                .body("workingMinutes", equalTo(300));
        // 9 working hours from the same start run past the whole holiday to Tue 24 Feb 10:00.
        given().header("Authorization", Fixture.agent("37"))
                .queryParam("from", "2026-02-13T08:00:00Z").queryParam("value", 9).queryParam("unit", "WORKING_HOURS")
                .when().get("/api/v1/calendars/37/deadline")
                .then().statusCode(200)
                .body("deadline", equalTo("2026-02-24T02:00:00Z"));
    }

    @Test
    void listsTheStateCouncilHolidaysAndAdjustedWorkingDaysOf2026() {
        given().header("Authorization", Fixture.agent("37")).queryParam("year", 2026)
                .when().get("/api/v1/calendars/37/days")
                .then().statusCode(200)
                .body("findAll { it.day == '2026-10-10' }[0].working", equalTo(true))
                .body("findAll { it.day == '2026-10-01' }[0].name", equalTo("国庆节"))
                .body("day", hasItem("2026-02-15"));
    }

    @Test
    void refusesAnotherTenantsCalendarChange() {
        given().header("Authorization", Fixture.admin("42")).contentType("application/json")
                .body("{\"working\":false,\"name\":\"x\"}")
                .when().put("/api/v1/calendars/37/days/2026-12-24")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void rejectsMalformedDeadlineQuery() {
        given().header("Authorization", Fixture.agent("37"))
                .queryParam("from", "yesterday").queryParam("value", 3).queryParam("unit", "WORKING_DAYS")
                .when().get("/api/v1/calendars/37/deadline")
                .then().statusCode(400).body("violations[0].field", equalTo("from"));
    }
}
