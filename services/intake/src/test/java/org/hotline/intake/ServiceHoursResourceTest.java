package org.hotline.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * A province's service hours through the API (issue 16): its administrator changes them and the line follows at
 * once (messages after the new closing time are out of hours), another province's administrator can neither read nor
 * change them, malformed hours are refused with the fields named, and a province that set none shows the configured
 * default. Provinces 35 (Fujian), 36 (Jiangxi) and 31 (Shanghai) are used by no other test.
 */
@QuarkusTest
class ServiceHoursResourceTest {

    private static final String GATEWAY = TestTokens.bearer("service", "*");
    private static final String ALL_WEEK = "[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\",\"SATURDAY\","
            + "\"SUNDAY\"]";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Test
    void adminChangesTheHoursAndAMessageAfterTheNewClosingTimeIsAnsweredAsOutOfHours() {
        String admin = TestTokens.bearer("tenant-admin", "35");
        // Open all day every day (routing's calendar is not consulted for a seven-day week): the line is open.
        put(admin, null, hours("00:00", "24:00", null, null, ALL_WEEK)).statusCode(200)
                .body("source", equalTo("PROVINCE")).body("close", equalTo("24:00")).body("openNow", equalTo(true));
        message("350100").body("serviceOpen", equalTo(true)).body("nextOpeningAt", nullValue());

        // One hour a day that has ended by now: the line is closed until that hour comes again.
        ZonedDateTime local = ZonedDateTime.now(CHINA);
        int hour = local.getHour() >= 2 && local.getHour() < 23 ? 0 : 12;
        ZonedDateTime next = local.with(LocalTime.of(hour, 0)).withSecond(0).withNano(0);
        if (!next.isAfter(local)) {
            next = next.plusDays(1);
        }
        String open = String.format("%02d:00", hour);
        String close = String.format("%02d:00", hour + 1);
        long version = put(admin, null, hours(open, close, null, null, ALL_WEEK)).statusCode(200)
                .body("open", equalTo(open)).body("close", equalTo(close)).body("openNow", equalTo(false))
                .body("periods", equalTo(List.of(open + "-" + close)))
                .extract().<Number>path("version").longValue();
        ValidatableResponse closed = message("350100").body("serviceOpen", equalTo(false))
                .body("reply", containsString("非工作时间"));
        assertEquals(next.toInstant(), Instant.parse(closed.extract().path("nextOpeningAt")));

        // The province's staff read what was saved, by whom; the change is in the access audit.
        given().header("Authorization", TestTokens.bearer("agent", "35")).when().get("/api/v1/service-hours")
                .then().statusCode(200).body("tenant", equalTo("35")).body("open", equalTo(open))
                .body("close", equalTo(close)).body("lunchBreakStart", nullValue())
                .body("days", hasItem("SUNDAY")).body("version", equalTo((int) version))
                .body("updatedBy", equalTo("tenant-admin@35"));
        List<Map<String, Object>> audit = given().header("Authorization", admin)
                .queryParam("resourceType", "service-hours").queryParam("resourceId", "35")
                .when().get("/api/v1/audit-events").then().statusCode(200).extract().path("items");
        assertTrue(audit.stream().anyMatch(a -> "UPDATE".equals(a.get("action"))
                && "tenant-admin@35".equals(a.get("subject")) && "35".equals(a.get("tenant"))), audit.toString());
    }

    @Test
    void anotherProvincesAdminCanNeitherReadNorChangeTheHoursAndOnlyAdminsChangeThem() {
        String admin = TestTokens.bearer("tenant-admin", "36");
        long version = put(admin, null, hours("08:30", "17:30", "12:00", "13:30", null)).statusCode(200)
                .body("periods", equalTo(List.of("08:30-12:00", "13:30-17:30")))
                .body("days", equalTo(List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")))
                .extract().<Number>path("version").longValue();
        String stranger = TestTokens.bearer("tenant-admin", "42");
        put(stranger, "36", hours("00:00", "01:00", null, null, null)).statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", stranger).queryParam("tenant", "36").when().get("/api/v1/service-hours")
                .then().statusCode(403).contentType("application/problem+json");
        put(TestTokens.bearer("agent", "36"), null, hours("00:00", "01:00", null, null, null)).statusCode(403);
        put(TestTokens.bearer("leader", "36"), null, hours("00:00", "01:00", null, null, null)).statusCode(403);

        // The stored hours are the administrator's, unchanged.
        given().header("Authorization", admin).when().get("/api/v1/service-hours").then().statusCode(200)
                .body("version", equalTo((int) version)).body("open", equalTo("08:30"))
                .body("updatedBy", equalTo("tenant-admin@36"));
        // The national operator names the province, reads and changes it.
        String operator = TestTokens.bearer("platform-operator", "*");
        given().header("Authorization", operator).when().get("/api/v1/service-hours").then().statusCode(400)
                .body("violations.field", hasItem("tenant"));
        given().header("Authorization", operator).queryParam("tenant", "36").when().get("/api/v1/service-hours")
                .then().statusCode(200).body("open", equalTo("08:30"));
        put(operator, "36", hours("08:00", "18:00", "12:00", "14:00", null)).statusCode(200)
                .body("tenant", equalTo("36")).body("updatedBy", equalTo("platform-operator@national"));
    }

    @Test
    void malformedHoursAreRefusedWithTheFieldAndNothingChanges() {
        String admin = TestTokens.bearer("tenant-admin", "35");
        long version = given().header("Authorization", admin).when().get("/api/v1/service-hours").then()
                .statusCode(200).extract().<Number>path("version").longValue();
        bad(admin, hours("9点", "17:00", null, null, null), "open");
        bad(admin, hours("09:00", "25:00", null, null, null), "close");
        bad(admin, hours("17:00", "09:00", null, null, null), "close");
        bad(admin, hours("09:00", "09:00", null, null, null), "close");
        bad(admin, hours(null, "17:00", null, null, null), "open");
        bad(admin, hours("09:00", "17:00", "12:00", null, null), "lunchBreakEnd");
        bad(admin, hours("09:00", "17:00", "08:00", "10:00", null), "lunchBreakStart");
        bad(admin, hours("09:00", "17:00", "16:00", "18:00", null), "lunchBreakStart");
        bad(admin, hours("09:00", "17:00", "13:00", "12:00", null), "lunchBreakEnd");
        bad(admin, hours("09:00", "17:00", null, null, "[\"MONDAY\",\"FUNDAY\"]"), "days");
        bad(admin, hours("09:00", "17:00", null, null, "[]"), "days");
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"zone\":\"Mars/Olympus\",\"open\":\"09:00\",\"close\":\"17:00\"}")
                .when().put("/api/v1/service-hours").then().statusCode(400).body("violations.field", hasItem("zone"))
                .body("detail", containsString("Asia/Shanghai"));
        given().header("Authorization", admin).queryParam("tenant", "3x").contentType(ContentType.JSON)
                .body(hours("09:00", "17:00", null, null, null)).when().put("/api/v1/service-hours").then()
                .statusCode(400).body("violations.field", hasItem("tenant"));
        given().header("Authorization", admin).when().get("/api/v1/service-hours").then().statusCode(200)
                .body("version", equalTo((int) version));
    }

    @Test
    void aProvinceWithoutHoursOfItsOwnShowsTheConfiguredDefault() {
        given().header("Authorization", TestTokens.bearer("leader", "31")).when().get("/api/v1/service-hours")
                .then().statusCode(200).body("tenant", equalTo("31")).body("source", equalTo("CONFIGURED"))
                .body("zone", equalTo("Asia/Shanghai")).body("open", equalTo("09:00")).body("close", equalTo("17:00"))
                .body("lunchBreakStart", equalTo("12:00")).body("lunchBreakEnd", equalTo("13:00"))
                .body("periods", equalTo(List.of("09:00-12:00", "13:00-17:00"))).body("version", equalTo(0))
                .body("updatedBy", nullValue());
    }

    private static ValidatableResponse put(String token, String tenant, String body) {
        var request = given().header("Authorization", token).contentType(ContentType.JSON).body(body);
        if (tenant != null) {
            request.queryParam("tenant", tenant);
        }
        return request.when().put("/api/v1/service-hours").then().log().ifValidationFails();
    }

    private static void bad(String token, String body, String field) {
        put(token, null, body).statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }

    private static ValidatableResponse message(String region) {
        return given().header("Authorization", GATEWAY).contentType(ContentType.JSON)
                .body("{\"channel\":\"WEB\",\"text\":\"投诉窗口工作人员推诿不办\",\"phone\":\"13905330000\","
                        + "\"regionCode\":\"" + region + "\"}")
                .when().post("/api/v1/messages").then().log().ifValidationFails().statusCode(201)
                .body("category", equalTo("FEEDBACK"));
    }

    private static String hours(String open, String close, String lunchStart, String lunchEnd, String days) {
        StringBuilder json = new StringBuilder("{\"zone\":\"Asia/Shanghai\"");
        field(json, "open", open);
        field(json, "close", close);
        field(json, "lunchBreakStart", lunchStart);
        field(json, "lunchBreakEnd", lunchEnd);
        if (days != null) {
            json.append(",\"days\":").append(days);
        }
        return json.append('}').toString();
    }

    private static void field(StringBuilder json, String name, String value) {
        if (value != null) {
            json.append(",\"").append(name).append("\":\"").append(value).append('"');
        }
    }
}
