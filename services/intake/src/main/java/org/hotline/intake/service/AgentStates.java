package org.hotline.intake.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.hotline.common.problem.ProblemException;
import org.hotline.intake.domain.AgentPresence;
import org.hotline.intake.domain.AgentState;
import org.hotline.intake.repository.AgentStateRepository;

/** Agents' states per queue (tenant + pooling region), set by the agent desktop or the switch. */
@ApplicationScoped
public class AgentStates {

    private final AgentStateRepository agents;
    private final ContactFacts facts;

    public AgentStates(AgentStateRepository agents, ContactFacts facts) {
        this.agents = agents;
        this.facts = facts;
    }

    @WithTransaction
    public Uni<AgentState> set(String agentId, String regionCode, AgentPresence state, String callerTenant) {
        String tenant = regionCode.substring(0, 2);
        if (callerTenant != null && !"*".equals(callerTenant) && !callerTenant.equals(tenant)) {
            throw ProblemException.forbidden("tenant-forbidden",
                    "Region " + regionCode + " is outside your tenant " + callerTenant + ".");
        }
        return agents.findById(agentId).flatMap(existing -> {
            if (existing != null && callerTenant != null && !"*".equals(callerTenant)
                    && !callerTenant.equals(existing.tenant)) {
                throw ProblemException.forbidden("tenant-forbidden", "Agent " + agentId + " is of another tenant.");
            }
            String previousState = existing == null ? null : existing.state.name();
            String previousQueue = existing == null ? null : existing.regionCode;
            Instant previousSince = existing == null ? null : existing.updatedAt;
            if (existing != null && existing.state == state && regionCode.equals(existing.regionCode)) {
                // The desktop repeats its state: nothing changed, nothing to publish.
                return Uni.createFrom().item(existing);
            }
            AgentState a = existing != null ? existing : new AgentState();
            a.agentId = agentId;
            a.tenant = tenant;
            a.regionCode = regionCode;
            a.state = state;
            a.updatedAt = Instant.now();
            Uni<AgentState> saved = existing != null ? Uni.createFrom().item(a) : agents.persist(a);
            return saved.call(x -> facts.agentStateChanged(a, previousState, previousQueue, previousSince));
        });
    }
}
