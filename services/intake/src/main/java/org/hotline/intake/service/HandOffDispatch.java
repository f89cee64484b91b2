package org.hotline.intake.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.hotline.intake.config.IntakeConfig;
import org.hotline.intake.repository.HandOffRepository;

/** Sends the pending hand-offs to routing until it takes them: a routing outage delays work orders, never loses them. */
@ApplicationScoped
public class HandOffDispatch {

    private final HandOffRepository handOffs;
    private final HandOffs dispatcher;
    private final IntakeConfig config;

    public HandOffDispatch(HandOffRepository handOffs, HandOffs dispatcher, IntakeConfig config) {
        this.handOffs = handOffs;
        this.dispatcher = dispatcher;
        this.config = config;
    }

    @Scheduled(every = "${hotline.intake.hand-offs.interval:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sendDue() {
        return handOffs.due(Instant.now(), config.handOffs().batchSize())
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(h -> dispatcher.dispatch(h.contactId))
                .collect().last()
                .replaceWithVoid();
    }
}
