package org.hotline.appraisal.service;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Runs the alerts on every replica: light evaluation, the hotspot sweep and webhook deliveries (each safe with any
 * number of replicas).
 */
@ApplicationScoped
public class AlertSchedule {

    private final LightEvaluation evaluation;
    private final HotspotAlerts hotspots;
    private final WebhookDeliveries deliveries;

    public AlertSchedule(LightEvaluation evaluation, HotspotAlerts hotspots, WebhookDeliveries deliveries) {
        this.evaluation = evaluation;
        this.hotspots = hotspots;
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

    @Scheduled(every = "${hotline.appraisal.hotspots.sweep-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweepHotspots() {
        return hotspots.sweep(Instant.now()).invoke(o -> {
            if (o.raised() + o.grown() > 0) {
                Log.infof("Hotspot alerts: %s", o);
            }
        }).onFailure().invoke(e -> Log.warn("Hotspot sweep failed; retried at the next run", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    @Scheduled(every = "${hotline.appraisal.lights.deliver-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deliver() {
        return deliveries.deliverDue(Instant.now())
                .onFailure().invoke(e -> Log.warn("Webhook deliveries failed; retried at the next run", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
