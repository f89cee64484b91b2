package org.hotline.intake.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.hotline.intake.domain.Callback;

/** Stores callbacks. */
@ApplicationScoped
@WithSession
public class CallbackRepository implements PanacheRepositoryBase<Callback, UUID> {

    public Uni<Callback> findByCall(String callId) {
        return find("callId", callId).firstResult();
    }
}
