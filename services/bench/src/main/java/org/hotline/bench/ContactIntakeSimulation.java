package org.hotline.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/** Durable contact intake: {@code POST /api/v1/contacts} at a constant arrival rate (open model). */
public class ContactIntakeSimulation extends Simulation {

    static final String BODY = """
            {"channel":"PHONE","dialedNumber":"#{dialed}","callerNumber":"#{caller}"}""";

    static HttpProtocolBuilder intake() {
        // Shared keep-alive connections, as behind an ingress: the load is the requests, not TCP handshakes.
        return http.baseUrl(BenchSettings.url("intake", "http://localhost:8081"))
                .shareConnections()
                .authorizationHeader("Bearer " + BenchSettings.token())
                .contentTypeHeader("application/json")
                .acceptHeader("application/json");
    }

    static ScenarioBuilder register(String name) {
        return scenario(name).feed(Callers.contacts())
                .exec(http(name).post("/api/v1/contacts").header("Idempotency-Key", "#{key}")
                        .body(StringBody(BODY)).check(status().is(201)));
    }

    {
        double rate = BenchSettings.rate(300);
        setUp(BenchSettings.steady(ContactIntakeSimulation::register, "contact", rate, BenchSettings.seconds(60)))
                .protocols(intake());
    }
}
