package org.hotline.appraisal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hotline.appraisal.service.IntakeFacts;
import org.hotline.appraisal.service.RoutingFacts;
import org.hotline.common.v1.ServiceCategory;
import org.hotline.contracts.intake.v1.AgentStateChanged;
import org.hotline.contracts.intake.v1.CallAbandoned;
import org.hotline.contracts.intake.v1.CallEnded;
import org.hotline.contracts.intake.v1.CallOffered;
import org.hotline.contracts.intake.v1.ContactRegistered;
import org.hotline.contracts.routing.v1.WorkOrderEvent;
import org.hotline.events.consumer.FeedEvent;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * The agent track's later KPIs on hand-computed sequences: first-contact resolution by pseudonymous caller key
 * (repeat within 7 days on the same category), occupancy per agent from state intervals, and 回访执行率 (callbacks
 * done on time / due, still-undone ones due once their time has passed).
 */
@QuarkusTest
class AgentTrackKpiTest {

    @Inject
    IntakeFacts intake;
    @Inject
    RoutingFacts routing;

    private final List<FeedEvent> intakeFeed = new ArrayList<>();
    private final List<FeedEvent> routingFeed = new ArrayList<>();
    private final Instant day = Feeds.freshDay();
    private final String queue = "3703" + String.format("%02d", (int) (Math.random() * 100));
    private final String agent1 = "agent-" + UUID.randomUUID();
    private final String agent2 = "agent-" + UUID.randomUUID();

    /** A contact of a caller key (null: no number) with one call offered {@code offset} seconds after the day. */
    private void call(String callerKey, long offset, String agent, ServiceCategory category, boolean ended) {
        String contact = UUID.randomUUID().toString();
        String call = "call-" + UUID.randomUUID();
        Instant offered = day.plusSeconds(offset);
        intakeFeed.add(Feeds.event("intake", "intake.contact.registered", "37", contact, offered,
                ContactRegistered.newBuilder().setContactId(contact).setChannel("PHONE").setTenant("37")
                        .setRegisteredAt(offered.toString()).setCallerKey(callerKey == null ? "" : callerKey).build()));
        intakeFeed.add(Feeds.event("intake", "intake.call.offered", "37", call, offered, CallOffered.newBuilder()
                .setCallId(call).setContactId(contact).setQueueId(queue).setRegionCode(queue)
                .setOfferedAt(offered.toString()).build()));
        if (ended) {
            intakeFeed.add(Feeds.event("intake", "intake.call.ended", "37", call, offered.plusSeconds(300),
                    CallEnded.newBuilder().setCallId(call).setQueueId(queue).setRegionCode(queue).setAgentId(agent)
                            .setOfferedAt(offered.toString()).setAnsweredAt(offered.plusSeconds(10).toString())
                            .setEndedAt(offered.plusSeconds(300).toString()).setWaitSeconds(10).setHandleSeconds(290)
                            .setCategory(category).build()));
        } else {
            intakeFeed.add(Feeds.event("intake", "intake.call.abandoned", "37", call, offered.plusSeconds(30),
                    CallAbandoned.newBuilder().setCallId(call).setQueueId(queue).setRegionCode(queue)
                            .setOfferedAt(offered.toString()).setAbandonedAt(offered.plusSeconds(30).toString())
                            .setWaitSeconds(30).setReachedQueue(true).build()));
        }
    }

    private void state(String agent, String previous, long since, String now, long at) {
        intakeFeed.add(Feeds.event("intake", "intake.agent.state-changed", "37", agent, day.plusSeconds(at),
                AgentStateChanged.newBuilder().setAgentId(agent).setQueueId(queue).setState(now)
                        .setPreviousState(previous).setPreviousQueueId(queue)
                        .setPreviousSince(day.plusSeconds(since).toString())
                        .setChangedAt(day.plusSeconds(at).toString()).build()));
    }

    /** A work order replied with its callback due at {@code dueHour}; done at {@code doneHour} by {@code agent}. */
    private void followUp(int dueHour, Integer doneHour, String agent, boolean reopenedAfter) {
        String id = UUID.randomUUID().toString();
        WorkOrderEvent.Builder b = WorkOrderEvent.newBuilder().setWorkOrderId(id).setCategory("FEEDBACK")
                .setChannel("PHONE").setRegionCode("370300").setPoolingRegionCode("370300")
                .setReceivedAt(day.toString());
        routingFeed.add(Feeds.event("routing", "routing.work-order.created", "37", id, day,
                b.clone().setStatus("DISPATCHED").build()));
        b.setCallbackDueAt(day.plusSeconds(dueHour * 3600L).toString());
        routingFeed.add(Feeds.event("routing", "routing.work-order.replied", "37", id, day.plusSeconds(3600),
                b.clone().setStatus("REPLIED").build()));
        if (doneHour != null) {
            routingFeed.add(Feeds.event("routing", "routing.work-order.callback-done", "37", id,
                    day.plusSeconds(doneHour * 3600L), b.clone().setStatus("CALLBACK_DONE").setCallbackAgentId(agent)
                            .setSatisfaction(reopenedAfter ? "UNSATISFIED" : "SATISFIED").build()));
        }
        if (reopenedAfter) { // unsatisfied: back to the unit, no callback due in the new cycle yet
            routingFeed.add(Feeds.event("routing", "routing.work-order.reopened", "37", id,
                    day.plusSeconds(doneHour * 3600L + 60), b.clone().clearCallbackDueAt().setStatus("DISPATCHED")
                            .setReopenCount(1).build()));
        }
    }

    private RequestSpecification leader(String by) {
        return leader(by, day.plusSeconds(72 * 3600L));
    }

    private RequestSpecification leader(String by, Instant asOf) {
        return given().config(RestAssured.config().jsonConfig(
                        JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)))
                .header("Authorization", TestTokens.bearer("leader", "37"))
                .queryParam("from", day.toString()).queryParam("to", day.plusSeconds(10 * 86_400L).toString())
                .queryParam("asOf", asOf.toString()).queryParam("period", "ALL")
                .queryParam("by", by);
    }

    @Test
    void firstContactResolutionOccupancyAndFollowUpRateMatchTheHandComputedValues() throws Throwable {
        String a = UUID.randomUUID().toString().replace("-", "");
        String b = UUID.randomUUID().toString().replace("-", "");
        // Caller A: a policy call by agent 1, again on policy 2 days later (agent 2): agent 1's is not resolved.
        call(a, 8 * 3600, agent1, ServiceCategory.POLICY_ANSWER, true);
        call(a, 2 * 86_400 + 8 * 3600, agent2, ServiceCategory.POLICY_ANSWER, true);
        // Caller A on another category: resolved. Caller A hangs up once: no category, no repeat, not counted.
        call(a, 9 * 3600, agent1, ServiceCategory.DATA_LOOKUP, true);
        call(a, 9 * 3600 + 600, null, null, false);
        // Caller B: feedback by agent 1, again 8 days later (outside 7 days, agent 2): both resolved.
        call(b, 10 * 3600, agent1, ServiceCategory.FEEDBACK, true);
        call(b, 8 * 86_400 + 10 * 3600, agent2, ServiceCategory.FEEDBACK, true);
        // A caller without a key (no number): not counted.
        call(null, 11 * 3600, agent1, ServiceCategory.POLICY_ANSWER, true);
        // Agent 1: available 1800 s, busy 1800 s, wrap-up 600 s, logged in (not on duty) 600 s.
        state(agent1, "AVAILABLE", 8 * 3600, "BUSY", 8 * 3600 + 1800);
        state(agent1, "BUSY", 8 * 3600 + 1800, "WRAP_UP", 9 * 3600);
        state(agent1, "WRAP_UP", 9 * 3600, "LOGGED_IN", 9 * 3600 + 600);
        state(agent1, "LOGGED_IN", 9 * 3600 + 600, "LOGGED_OUT", 9 * 3600 + 1200);
        // Agent 2: available 3000 s, busy 1000 s.
        state(agent2, "AVAILABLE", 12 * 3600, "BUSY", 12 * 3600 + 3000);
        state(agent2, "BUSY", 12 * 3600 + 3000, "AVAILABLE", 12 * 3600 + 4000);
        // Callbacks (回访), judged at day + 72 h: agent 1 on time and late; agent 2 on time, then the order reopened;
        // one due at 24 h not done (due, late); one due at 100 h not done (not yet due).
        followUp(48, 30, agent1, false);
        followUp(24, 30, agent1, false);
        followUp(24, 20, agent2, true);
        followUp(24, null, null, false);
        followUp(100, null, null, false);
        Feeds.apply(intake, intakeFeed, 7);
        Feeds.apply(routing, routingFeed, 5);

        String r1 = "rows.find { it.key == '" + agent1 + "' }.";
        String r2 = "rows.find { it.key == '" + agent2 + "' }.";
        leader("AGENT").when().get("/api/v1/kpis/calls").then().statusCode(200)
                .body(r1 + "fcrEligible", equalTo(3)).body(r1 + "fcrResolved", equalTo(2))
                .body(r1 + "firstContactResolution", equalTo(0.666667))
                .body(r2 + "fcrEligible", equalTo(2)).body(r2 + "fcrResolved", equalTo(2))
                .body(r2 + "firstContactResolution", equalTo(1.0))
                .body(r1 + "onDutySeconds", equalTo(4200.0)).body(r1 + "occupiedSeconds", equalTo(2400.0))
                .body(r1 + "occupancy", equalTo(0.571429))
                .body(r2 + "onDutySeconds", equalTo(4000.0)).body(r2 + "occupiedSeconds", equalTo(1000.0))
                .body(r2 + "occupancy", equalTo(0.25))
                .body(r1 + "followUpsDue", equalTo(2)).body(r1 + "followUpsOnTime", equalTo(1))
                .body(r1 + "followUpOnTimeRate", equalTo(0.5))
                .body(r2 + "followUpsDue", equalTo(1)).body(r2 + "followUpOnTimeRate", equalTo(1.0))
                .body("rows.find { it.key == '' }.followUpsDue", equalTo(1))
                .body("rows.find { it.key == '' }.followUpsOnTime", equalTo(0));
        leader("QUEUE").when().get("/api/v1/kpis/calls").then().statusCode(200)
                .body("rows.find { it.key == '" + queue + "' }.firstContactResolution", equalTo(0.8))
                .body("rows.find { it.key == '" + queue + "' }.occupancy", equalTo(0.414634));
        // Before the undone callback's time has passed it is not due yet.
        leader("AGENT", day.plusSeconds(12 * 3600L)).when().get("/api/v1/kpis/calls")
                .then().statusCode(200).body("rows.find { it.key == '' }.followUpsDue", equalTo(0))
                .body(r1 + "followUpsDue", equalTo(2));

        // The repeat window is the tenant's versioned setting: with 1 day, caller A's repeat 2 days later is a new
        // contact, so agent 1 resolved all three; the figure names the version it used.
        int version = given().header("Authorization", TestTokens.bearer("tenant-admin", "37"))
                .contentType("application/json").body(java.util.Map.of("fcrRepeatDays", 1))
                .when().put("/api/v1/kpi-settings").then().statusCode(200).body("fcrRepeatDays", equalTo(1))
                .extract().path("version");
        try {
            leader("AGENT").queryParam("settingsVersion", version).when().get("/api/v1/kpis/calls").then()
                    .statusCode(200).body("settingsVersion", equalTo(version))
                    .body(r1 + "fcrResolved", equalTo(3)).body(r1 + "firstContactResolution", equalTo(1.0));
            leader("AGENT").queryParam("settingsVersion", 0).when().get("/api/v1/kpis/calls").then()
                    .statusCode(200).body(r1 + "fcrResolved", equalTo(2));
            given().header("Authorization", TestTokens.bearer("tenant-admin", "37")).contentType("application/json")
                    .body(java.util.Map.of("fcrRepeatDays", 0)).when().put("/api/v1/kpi-settings").then()
                    .statusCode(400).body("violations[0].field", equalTo("fcrRepeatDays"));
        } finally { // the default again for every other test that reads the settings in force
            given().header("Authorization", TestTokens.bearer("tenant-admin", "37")).contentType("application/json")
                    .body(java.util.Map.of("fcrRepeatDays", 7)).when().put("/api/v1/kpi-settings").then()
                    .statusCode(200);
        }
    }
}
