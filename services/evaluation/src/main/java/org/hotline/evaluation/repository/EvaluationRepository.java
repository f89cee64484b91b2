package org.hotline.evaluation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.hotline.evaluation.domain.Evaluation;

/** Stores and reads evaluations. */
@ApplicationScoped
@WithSession
public class EvaluationRepository implements PanacheRepositoryBase<Evaluation, UUID> {
}
