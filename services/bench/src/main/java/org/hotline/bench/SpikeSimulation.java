package org.hotline.bench;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;

import io.gatling.javaapi.core.Simulation;

/** A surge: 300 contacts/s, a step to 1,500/s for 60 s, back to 300/s; each phase reported under its own name. */
public class SpikeSimulation extends Simulation {

    {
        double base = BenchSettings.integer("base", 300);
        double peak = BenchSettings.integer("peak", 1500);
        int stepSeconds = BenchSettings.integer("step-seconds", 60);
        setUp(ContactIntakeSimulation.register("before-step").injectOpen(constantUsersPerSec(base).during(20))
                .andThen(ContactIntakeSimulation.register("step").injectOpen(constantUsersPerSec(peak).during(stepSeconds))
                        .andThen(ContactIntakeSimulation.register("after-step")
                                .injectOpen(constantUsersPerSec(base).during(20)))))
                .protocols(ContactIntakeSimulation.intake());
    }
}
