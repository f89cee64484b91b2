package org.hotline.appraisal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hotline.appraisal.service.RoutingFacts;
import org.hotline.contracts.events.v1.EventEnvelope;
import org.hotline.contracts.routing.v1.WorkOrderEvent;
import org.hotline.events.consumer.FeedEvent;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Hotspots from routing's work-order-created facts: 56 complaints about one housing estate in a week (its name
 * written three ways) are one hotspot with all 56 cases; unrelated or spread-out complaints are none; differently
 * worded complaints on one topic are one topic hotspot; a replay gives the same hotspots, ids included.
 */
@QuarkusTest
class HotspotTest {

    @Inject
    RoutingFacts routing;

    private final List<FeedEvent> feed = new ArrayList<>();
    private Instant day;

    private String complaint(String tenant, String category, Instant at, String address, String summary) {
        String id = UUID.randomUUID().toString();
        WorkOrderEvent.Builder b = WorkOrderEvent.newBuilder().setWorkOrderId(id).setStatus("DISPATCHED")
                .setCategory(category).setChannel("PHONE").setRegionCode(tenant + "0300")
                .setPoolingRegionCode(tenant + "0300").setReceivedAt(at.toString()).setSummary(summary);
        if (address != null) {
            b.setSubjectAddress(address);
        }
        feed.add(Feeds.event("routing", "routing.work-order.created", tenant, id, at, b.build()));
        return id;
    }

    private String complaint(Instant at, String address, String summary) {
        return complaint("37", "FEEDBACK", at, address, summary);
    }

    /** Twelve complaints about twelve places and subjects, one a day. */
    private void unrelated(Instant from) {
        String[][] cases = { { "张店区阳光小区", "医保卡丢失如何补办" }, { "淄川区和平家园", "生育津贴迟迟未到账" },
                { "周村区丝绸路12号", "医保电子凭证激活失败" }, { "博山区新华苑", "门诊慢特病认定材料太多" },
                { "临淄区齐都花园", "职工医保个人账户余额查询不到" }, { "桓台县东岳新村", "灵活就业人员医保缴费基数" },
                { "高青县芦湖公寓", "医院拒收医保卡要求自费" }, { "沂源县历山社区", "住院押金退还太慢" },
                { "张店区柳泉路88号", "转诊手续繁琐" }, { "张店区华府花园", "大病保险二次报销没有到账" },
                { "张店区金晶大道1号", "长期护理保险申请被拒" }, { "张店区杏园小区", "新生儿参保登记出错" } };
        for (int i = 0; i < cases.length; i++) {
            complaint(from.plusSeconds(i * 86_400L / 2), cases[i][0], cases[i][1]);
        }
    }

    private RequestSpecification leader(String tenant, Instant from, Instant to) {
        return given().header("Authorization", TestTokens.bearer("leader", tenant))
                .queryParam("from", from.toString()).queryParam("to", to.toString());
    }

    private void apply() throws Throwable {
        Feeds.apply(routing, feed, 50);
    }

    @Test
    void fiftySixComplaintsAboutOneHousingEstateInAWeekAreOneHotspotWithEveryCase() throws Throwable {
        day = Feeds.freshDay();
        String[] written = { "淄博市张店区共青团路幸福小区%d号楼", "张店区幸福花园小区%d单元", "幸福小区%d号楼东门",
                "共青团路 幸福小区 %d栋" };
        String[] said = { "幸福小区附近定点药店医保卡刷不了", "小区门口药店不让用医保卡", "药店拒绝医保结算", "居民反映药店刷卡难" };
        Set<String> estate = new HashSet<>();
        for (int i = 0; i < 56; i++) { // one every 10,000 s: 6.4 days from the first to the last
            estate.add(complaint(day.plusSeconds(i * 10_000L), written[i % 4].formatted(i % 9 + 1), said[i % 4]));
        }
        unrelated(day);
        // Not complaints (政策解答) about the estate, and another province's complaints about an estate of that name.
        complaint("37", "POLICY_ANSWER", day.plusSeconds(3600), "幸福小区", "幸福小区居民问异地就医备案");
        for (int i = 0; i < 6; i++) {
            complaint("42", "FEEDBACK", day.plusSeconds(i * 3600L), "武昌区幸福小区", "药店不让用医保卡");
        }
        apply();

        Instant to = day.plusSeconds(7 * 86_400L);
        var found = leader("37", day, to).queryParam("kind", "ESTATE").when().get("/api/v1/hotspots").then()
                .statusCode(200).body("total", equalTo(1)).body("tenant", equalTo("37"))
                .body("items[0].kind", equalTo("ESTATE")).body("items[0].label", equalTo("幸福小区"))
                .body("items[0].tenant", equalTo("37")).body("items[0].regionCode", equalTo("370300"))
                .body("items[0].count", equalTo(56)).body("items[0].status", equalTo("OPEN"))
                .body("items[0].windowStart", equalTo(day.toString()))
                .body("items[0].windowEnd", equalTo(day.plusSeconds(55 * 10_000L).toString()))
                .extract();
        assertEquals(estate, new HashSet<>(found.<List<String>>path("items[0].workOrderIds")), "all 56 cases, no other");
        String id = found.path("items[0].id");

        // No address hotspot: no address (building included) is named five times; the CSV is the same table.
        leader("37", day, to).queryParam("kind", "ADDRESS").when().get("/api/v1/hotspots").then().statusCode(200)
                .body("total", equalTo(0));
        String csv = leader("37", day, to).queryParam("kind", "ESTATE").queryParam("format", "csv").when()
                .get("/api/v1/hotspots").then().statusCode(200).contentType(containsString("text/csv")).extract()
                .asString();
        String[] lines = csv.split("\r\n");
        assertEquals("id,kind,label,tenant,regionCode,count,windowStart,windowEnd,status,workOrderIds", lines[0]);
        assertEquals(2, lines.length);
        assertEquals(Set.of(id, "ESTATE", "幸福小区", "37", "370300", "56"),
                new HashSet<>(List.of(lines[1].split(",")).subList(0, 6)));
        assertEquals(estate, new HashSet<>(List.of(lines[1].split(",")[9].split(" "))));

        // Hubei's leader sees Hubei's estate only; Shandong's leader may not ask for Hubei.
        leader("42", day, to).queryParam("kind", "ESTATE").when().get("/api/v1/hotspots").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].count", equalTo(6))
                .body("items[0].regionCode", equalTo("420300"));
        leader("37", day, to).queryParam("tenant", "42").when().get("/api/v1/hotspots").then().statusCode(403);

        // Replaying the feed into an empty table gives the same hotspots, ids included.
        String before = leader("37", day, to).when().get("/api/v1/hotspots").then().statusCode(200).extract()
                .jsonPath().getList("items").toString();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("TRUNCATE complaint_fact").executeUpdate())));
        leader("37", day, to).when().get("/api/v1/hotspots").then().body("total", equalTo(0));
        Feeds.apply(routing, feed.stream().map(e -> new FeedEvent(e.feed(), EventEnvelope.newBuilder(e.envelope())
                .build())).toList(), 250);
        assertEquals(before, leader("37", day, to).when().get("/api/v1/hotspots").then().statusCode(200).extract()
                .jsonPath().getList("items").toString());
    }

    @Test
    void unrelatedFewOrSpreadOutComplaintsMakeNoHotspot() throws Throwable {
        day = Feeds.freshDay();
        unrelated(day);
        for (int i = 0; i < 4; i++) { // four about one estate: below the five a hotspot needs
            complaint(day.plusSeconds(i * 3600L), "张店区金色家园", "物业代收医保费");
        }
        for (int i = 0; i < 5; i++) { // five about one estate, eight days apart: never five in one week
            complaint(day.plusSeconds(i * 8 * 86_400L), "淄川区松龄小区", "社区卫生站不能报销");
        }
        apply();
        leader("37", day, day.plusSeconds(40 * 86_400L)).when().get("/api/v1/hotspots").then().statusCode(200)
                .body("total", equalTo(0)).body("items.size()", equalTo(0));
    }

    @Test
    void differentlyWordedComplaintsOnOneTopicAreOneTopicHotspot() throws Throwable {
        day = Feeds.freshDay();
        String[] topic = { "异地就医备案一直办不下来", "办理异地就医备案手续太慢", "异地就医备案审核迟迟没有结果",
                "网上申请异地就医备案总是失败", "跨省异地就医直接结算刷不了卡", "异地就医备案流程太复杂" };
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < topic.length; i++) { // no address: only the text says what they are about
            ids.add(complaint(day.plusSeconds(i * 7200L), null, topic[i]));
        }
        unrelated(day.plusSeconds(1800));
        apply();
        var found = leader("37", day, day.plusSeconds(7 * 86_400L)).queryParam("kind", "TOPIC").when()
                .get("/api/v1/hotspots").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].kind", equalTo("TOPIC")).body("items[0].count", equalTo(6))
                .body("items[0].label", containsString("异地")).body("items[0].label", containsString("备案"))
                .extract();
        assertEquals(ids, new HashSet<>(found.<List<String>>path("items[0].workOrderIds")));
        given().header("Authorization", TestTokens.bearer("leader", "37")).queryParam("kind", "STREET").when()
                .get("/api/v1/hotspots").then().statusCode(400).body("detail", containsString("ADDRESS, ESTATE or TOPIC"));
    }
}
