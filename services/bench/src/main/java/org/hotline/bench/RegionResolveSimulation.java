package org.hotline.bench;

import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/** Region resolution over REST ({@code GET /api/v1/regions/resolve}) at a constant arrival rate. */
public class RegionResolveSimulation extends Simulation {

    private static ScenarioBuilder resolve(String name) {
        return scenario(name).feed(Callers.contacts())
                .exec(http(name).get("/api/v1/regions/resolve")
                        .queryParam("dialedNumber", "#{dialed}").queryParam("callerNumber", "#{caller}")
                        .check(status().is(200)));
    }

    {
        var protocol = http.baseUrl(BenchSettings.url("routing", "http://localhost:8082")).shareConnections()
                .authorizationHeader("Bearer " + BenchSettings.token()).acceptHeader("application/json");
        double rate = BenchSettings.rate(1000);
        setUp(BenchSettings.steady(RegionResolveSimulation::resolve, "resolve-rest", rate, BenchSettings.seconds(30)))
                .protocols(protocol);
    }
}
