package org.hotline.appraisal.service;

import io.smallrye.mutiny.Uni;
import org.hotline.events.consumer.FeedEvent;

/** Intake's typed call and callback facts (hotline/intake/v1/intake_events.proto), once that contract is merged. */
final class IntakeTypedFacts {

    private IntakeTypedFacts() {
    }

    static Uni<Void> apply(FeedEvent event, IntakeFacts facts) {
        return Uni.createFrom().voidItem();
    }
}
