package org.hotline.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.util.UUID;

/**
 * Work-order lifecycle at a constant arrival rate (open model): an agent registers an order that the bench's rule
 * dispatches to the bench's unit, a handler of that unit accepts it and replies, and the agent records the callback
 * (回访). Four requests per order, each named for its step in the report; the overdue sweep keeps running in routing
 * meanwhile. {@code scripts/bench.sh} creates the unit and rule first and ends the rule afterwards.
 */
public class OrderLifecycleSimulation extends io.gatling.javaapi.core.Simulation {

    static final String ORDER = """
            {"regionCode":"370303","category":"DATA_LOOKUP","subcategory":"#{subcategory}","title":"参保缴费记录查询",\
            "description":"市民来电查询本人职工医保近一年的缴费记录，要求提供明细","channel":"PHONE",\
            "citizenPhone":"13905330000"}""";

    {
        String subcategory = System.getProperty("bench.subcategory", "bench");
        var protocol = http.baseUrl(BenchSettings.url("routing", "http://localhost:8082")).shareConnections()
                .contentTypeHeader("application/json").acceptHeader("application/json");
        String agent = "Bearer " + BenchSettings.token();
        String handler = "Bearer " + BenchSettings.token("handler");
        var created = scenario("orders")
                .exec(session -> session.set("key", UUID.randomUUID().toString()).set("subcategory", subcategory))
                .exec(http("create").post("/api/v1/work-orders").header("Authorization", agent)
                        .header("Idempotency-Key", "#{key}").body(StringBody(ORDER))
                        .check(status().is(201), jsonPath("$.id").saveAs("id"), jsonPath("$.status").is("DISPATCHED")));
        // -Dbench.orderSteps=create registers orders only: a surge's path (the other steps follow over working days).
        var lifecycle = "create".equals(System.getProperty("bench.orderSteps")) ? created : created
                .exec(http("accept").post("/api/v1/work-orders/#{id}/accept").header("Authorization", handler)
                        .check(status().is(200), jsonPath("$.status").is("ACCEPTED")))
                .exec(http("reply").post("/api/v1/work-orders/#{id}/reply").header("Authorization", handler)
                        .body(StringBody("{\"reply\":\"已将近一年缴费明细告知市民，并说明线上查询渠道\"}"))
                        .check(status().is(200), jsonPath("$.status").is("REPLIED")))
                .exec(http("callback").post("/api/v1/work-orders/#{id}/callback").header("Authorization", agent)
                        .body(StringBody("{\"satisfied\":true,\"note\":\"市民表示满意\"}"))
                        .check(status().is(200)));
        setUp(lifecycle.injectOpen(constantUsersPerSec(BenchSettings.rate(50)).during(BenchSettings.seconds(30))))
                .protocols(protocol);
    }
}
