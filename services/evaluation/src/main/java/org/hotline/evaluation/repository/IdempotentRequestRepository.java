package org.hotline.evaluation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;
import org.hotline.evaluation.domain.IdempotentRequest;

/** Remembers answers to POSTs carrying an Idempotency-Key. */
@ApplicationScoped
@WithSession
public class IdempotentRequestRepository implements PanacheRepositoryBase<IdempotentRequest, IdempotentRequest.Key> {
}
