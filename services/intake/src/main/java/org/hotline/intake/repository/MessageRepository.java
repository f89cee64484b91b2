package org.hotline.intake.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.hotline.intake.domain.Message;

/** Stores messages. */
@ApplicationScoped
@WithSession
public class MessageRepository implements PanacheRepositoryBase<Message, UUID> {

    public Uni<Message> findByContact(UUID contactId) {
        return find("contactId", contactId).firstResult();
    }
}
