package org.hotline.evaluation.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hotline.contracts.routing.v1.WorkOrder;
import org.hotline.evaluation.client.PeerRejectedException;
import org.hotline.evaluation.client.RoutingClient;
import org.hotline.evaluation.config.EvaluationConfig;
import org.hotline.evaluation.domain.EvaluationCase;
import org.hotline.evaluation.domain.RoutingAction;
import org.hotline.evaluation.repository.CaseRepository;
import org.hotline.evaluation.repository.RoutingActionRepository;
import org.hotline.events.outbox.EventOutbox;

/**
 * Rework and supervision requests to routing as a durable queue: {@link #request} stores the action (and its event)
 * in the caller's transaction; {@link #attempt} sends it. Before every call the order is read: if routing shows the
 * action already took effect (an answer lost to a timeout or a crash), it is marked done without calling again, so an
 * outage delays an action, never loses it and never applies it twice. Replicas claim an action with a lease first.
 */
@ApplicationScoped
public class CaseActions {

    /** How long a replica holds an action it is sending. */
    static final Duration CLAIM = Duration.ofSeconds(60);
    private static final Set<String> FINISHED = Set.of("REPLIED", "CALLBACK_DONE", "CLOSED");
    /** Prefix of the action id carried in the reason sent to routing. */
    static final String MARKER = "evaluation-action ";
    /** Longest reason sent: routing keeps it in 500-character status notes behind a prefix of its own. */
    static final int REASON_MAX = 300;

    private final RoutingActionRepository actions;
    private final CaseRepository cases;
    private final RoutingClient routing;
    private final EventOutbox outbox;
    private final EvaluationConfig config;
    private final EvaluationMetrics metrics;

    public CaseActions(RoutingActionRepository actions, CaseRepository cases, RoutingClient routing,
            EventOutbox outbox, EvaluationConfig config, EvaluationMetrics metrics) {
        this.metrics = metrics;
        this.actions = actions;
        this.cases = cases;
        this.routing = routing;
        this.outbox = outbox;
        this.config = config;
    }

    /** Queues an action in the current transaction, once per (case, kind, round), with its event. */
    public Uni<Void> request(EvaluationCase c, RoutingAction.Kind kind, int round, String trigger, String reason,
            String actor, UUID evaluationId) {
        return actions.exists(c.id, kind, round).chain(exists -> {
            if (exists) {
                return Uni.createFrom().voidItem();
            }
            RoutingAction a = new RoutingAction();
            a.id = UUID.randomUUID();
            a.tenant = c.tenant;
            a.caseId = c.id;
            a.workOrderId = c.workOrderId;
            a.kind = kind;
            a.round = round;
            a.trigger = trigger;
            // The action's id leads the reason: routing's status notes (500 characters, with its own prefix) then
            // show whether this very action took effect. Kept short so routing's notes never overflow.
            String text = "[" + MARKER + a.id + "] " + reason;
            a.reason = text.length() > REASON_MAX ? text.substring(0, REASON_MAX) : text;
            a.actor = actor.length() > 128 ? actor.substring(0, 128) : actor;
            a.reopenCountBefore = c.reopenCount;
            a.status = RoutingAction.Status.PENDING;
            a.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            a.nextAttemptAt = a.createdAt;
            return actions.persist(a).chain(() -> outbox.append(EvaluationEvents.actionRequested(a, c, evaluationId)))
                    .invoke(() -> {
                        if (kind == RoutingAction.Kind.REOPEN) {
                            metrics.reworkRequested(c.tenant, trigger);
                        } else {
                            metrics.supervisionRequested(c.tenant, trigger);
                        }
                    });
        });
    }

    /** Ids of actions due now. */
    public Uni<List<UUID>> due() {
        return Panache.withSession(() -> actions.due(Instant.now(), config.actions().batchSize()));
    }

    /** Claims, checks and sends one action; records the outcome. */
    public Uni<Void> attempt(UUID id) {
        return claim(id).chain(action -> action == null ? Uni.createFrom().voidItem()
                : routing.get(action.workOrderId.toString())
                        .chain(order -> applied(action, order) ? Uni.createFrom().item(order) : send(action))
                        .chain(order -> finish(action.id, RoutingAction.Status.DONE, null, order))
                        .onFailure(PeerRejectedException.class).recoverWithUni(f -> {
                            Log.warnf("Routing refused %s of work order %s: %s", action.kind, action.workOrderId,
                                    f.getMessage());
                            return finish(action.id, RoutingAction.Status.REJECTED, f.getMessage(), null);
                        })
                        .onFailure().recoverWithUni(f -> later(action.id, f)));
    }

    private Uni<RoutingAction> claim(UUID id) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> actions.update("nextAttemptAt = ?1 where id = ?2 and status = ?3 "
                + "and nextAttemptAt <= ?4", now.plus(CLAIM), id, RoutingAction.Status.PENDING, now)
                .chain(n -> n == 0 ? Uni.createFrom().nullItem() : actions.findById(id)));
    }

    /**
     * Whether routing already shows the action's effect: its marker in the order's status notes, or (the unit has
     * moved on since) a reopen count above the one at decision time with the order open again. A replied order
     * without the marker is reopened even if the count moved (someone else's earlier rework), so a stale count from
     * a lagging feed never swallows an action.
     */
    static boolean applied(RoutingAction action, WorkOrder order) {
        boolean marked = order.getStatusNotes().contains(MARKER + action.id);
        boolean open = !FINISHED.contains(order.getStatus());
        if (action.kind == RoutingAction.Kind.REOPEN) {
            return marked || (open && order.getReopenCount() > action.reopenCountBefore);
        }
        return order.getSupervised() && (marked || open);
    }

    private Uni<WorkOrder> send(RoutingAction action) {
        return action.kind == RoutingAction.Kind.REOPEN
                ? routing.reopen(action.workOrderId.toString(), action.reason, action.actor)
                : routing.supervise(action.workOrderId.toString(), action.reason, action.actor);
    }

    private Uni<Void> finish(UUID id, RoutingAction.Status status, String error, WorkOrder order) {
        return Panache.withTransaction(() -> actions.findById(id).chain(a -> {
            if (a == null || a.status != RoutingAction.Status.PENDING) {
                return Uni.createFrom().voidItem();
            }
            a.status = status;
            a.attempts++;
            a.doneAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            a.lastError = error == null ? null : error.substring(0, Math.min(500, error.length()));
            return cases.findById(a.caseId).invoke(c -> {
                if (c == null) {
                    return;
                }
                if (status == RoutingAction.Status.DONE && a.kind == RoutingAction.Kind.REOPEN
                        && c.stage == EvaluationCase.Stage.REWORK && order != null && c.reworkDueAt == null) {
                    c.reworkDueAt = order.getExpectedAt().isBlank() ? a.doneAt.plus(30, ChronoUnit.DAYS)
                            : Instant.parse(order.getExpectedAt());
                }
                if (status == RoutingAction.Status.REJECTED && a.kind == RoutingAction.Kind.REOPEN
                        && c.stage == EvaluationCase.Stage.REWORK) {
                    // Routing cannot reopen it (e.g. it is open again already): the evaluation stands as it is.
                    c.stage = EvaluationCase.Stage.EVALUATED;
                }
            }).replaceWithVoid();
        }));
    }

    private Uni<Void> later(UUID id, Throwable failure) {
        return Panache.withTransaction(() -> actions.findById(id).invoke(a -> {
            if (a == null || a.status != RoutingAction.Status.PENDING) {
                return;
            }
            a.attempts++;
            long backoff = Math.min(config.actions().maxBackoff().toMillis(),
                    1000L << Math.min(20, Math.max(0, a.attempts - 1)));
            a.nextAttemptAt = Instant.now().plusMillis(backoff);
            String message = String.valueOf(failure.getMessage());
            a.lastError = message.substring(0, Math.min(500, message.length()));
            Log.infof("%s of work order %s delayed (attempt %d, next in %d ms): %s", a.kind, a.workOrderId,
                    a.attempts, backoff, a.lastError);
        })).replaceWithVoid();
    }
}
