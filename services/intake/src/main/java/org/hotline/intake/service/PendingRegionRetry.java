package org.hotline.intake.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hotline.intake.config.IntakeConfig;
import org.hotline.intake.repository.ContactRepository;

/** Resolves the regions of contacts registered while routing was down, so none stays unrouted. */
@ApplicationScoped
public class PendingRegionRetry {

    private final ContactRepository contacts;
    private final ContactRegistration registration;
    private final IntakeConfig config;

    public PendingRegionRetry(ContactRepository contacts, ContactRegistration registration, IntakeConfig config) {
        this.contacts = contacts;
        this.registration = registration;
        this.config = config;
    }

    @Scheduled(every = "${hotline.intake.region-retry.interval:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> retryPending() {
        return contacts.findPending(config.regionRetry().batchSize())
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(registration::retryRegion)
                .collect().last()
                .replaceWithVoid();
    }
}
