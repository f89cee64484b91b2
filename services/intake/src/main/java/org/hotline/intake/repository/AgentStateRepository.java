package org.hotline.intake.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hotline.intake.domain.AgentPresence;
import org.hotline.intake.domain.AgentState;

/** Stores agents' states. */
@ApplicationScoped
@WithSession
public class AgentStateRepository implements PanacheRepositoryBase<AgentState, String> {

    public Uni<List<AgentState>> inQueue(String tenant, String region) {
        return list("tenant = ?1 and regionCode = ?2 and state <> ?3", tenant, region, AgentPresence.LOGGED_OUT);
    }
}
