package org.hotline.appraisal.service;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Runs the lights on every replica: evaluation and webhook deliveries (both safe with any number of replicas). */
@ApplicationScoped
public class LightSchedule {

    private final LightEvaluation evaluation;
    private final LightDeliveries deliveries;

    public LightSchedule(LightEvaluation evaluation, LightDeliveries deliveries) {
        this.evaluation = evaluation;
        this.deliveries = deliveries;
    }

    @Scheduled(every = "${hotline.appraisal.lights.evaluate-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> evaluate() {
        return evaluation.evaluate(Instant.now()).invoke(o -> {
            if (o.opened() + o.turnedRed() + o.escalated() + o.cleared() > 0) {
                Log.infof("Complaint lights: %s", o);
            }
        }).onFailure().invoke(e -> Log.warn("Complaint light evaluation failed; retried at the next run", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    @Scheduled(every = "${hotline.appraisal.lights.deliver-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deliver() {
        return deliveries.deliverDue(Instant.now())
                .onFailure().invoke(e -> Log.warn("Light webhook deliveries failed; retried at the next run", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
