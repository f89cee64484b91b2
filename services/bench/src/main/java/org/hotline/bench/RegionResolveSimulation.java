package org.hotline.bench;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;

/** Region resolution over REST ({@code GET /api/v1/regions/resolve}) at a constant arrival rate. */
public class RegionResolveSimulation extends Simulation {

    {
        var protocol = http.baseUrl(BenchSettings.url("routing", "http://localhost:8082")).shareConnections()
                .authorizationHeader("Bearer " + BenchSettings.token()).acceptHeader("application/json");
        var resolve = scenario("resolve-rest").feed(Callers.contacts())
                .exec(http("resolve-rest").get("/api/v1/regions/resolve")
                        .queryParam("dialedNumber", "#{dialed}").queryParam("callerNumber", "#{caller}")
                        .check(status().is(200)));
        setUp(resolve.injectOpen(constantUsersPerSec(BenchSettings.rate(1000)).during(BenchSettings.seconds(30))))
                .protocols(protocol);
    }
}
