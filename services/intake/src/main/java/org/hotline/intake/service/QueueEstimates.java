package org.hotline.intake.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.hotline.common.problem.ProblemException;
import org.hotline.intake.config.IntakeConfig;
import org.hotline.intake.domain.AgentPresence;
import org.hotline.intake.domain.CallRecord;
import org.hotline.intake.domain.Callback;
import org.hotline.intake.domain.RegionStatus;
import org.hotline.intake.domain.CallbackStatus;
import org.hotline.intake.repository.AgentStateRepository;
import org.hotline.intake.repository.CallRecordRepository;
import org.hotline.intake.repository.CallbackRepository;
import org.hotline.intake.repository.ContactRepository;

/**
 * Queue positions (higher priority first, then longest waiting; a callback keeps the caller's place) and wait
 * estimates from recent handle times and the agents on duty (Erlang C for the queue, calls ahead for the caller).
 */
@ApplicationScoped
public class QueueEstimates {

    private final CallRecordRepository calls;
    private final CallbackRepository callbacks;
    private final AgentStateRepository agents;
    private final ContactRepository contacts;
    private final ServiceHoursCalendar hours;
    private final IntakeConfig config;

    public QueueEstimates(CallRecordRepository calls, CallbackRepository callbacks, AgentStateRepository agents,
            ContactRepository contacts, ServiceHoursCalendar hours, IntakeConfig config) {
        this.calls = calls;
        this.callbacks = callbacks;
        this.agents = agents;
        this.contacts = contacts;
        this.hours = hours;
        this.config = config;
    }

    @WithSession
    public Uni<QueuePosition> position(String callId) {
        return calls.findById(callId).flatMap(call -> {
            if (call == null || call.offeredAt == null) {
                throw ProblemException.notFound("call-not-found", "No offered call " + callId + ".");
            }
            return withRegion(call).flatMap(c -> callbacks.findByCall(callId).flatMap(cb -> estimate(c, cb)));
        });
    }

    /** A call offered while routing was down gets its queue once the contact's region is resolved. */
    private Uni<CallRecord> withRegion(CallRecord call) {
        if (call.regionCode != null || call.contactId == null) {
            return Uni.createFrom().item(call);
        }
        return contacts.findById(call.contactId).map(contact -> {
            if (contact != null && contact.poolingRegionCode != null) {
                call.tenant = contact.tenant;
                call.regionCode = CallEvents.queueOf(contact, config);
            } else if (contact == null || contact.regionStatus != RegionStatus.PENDING) {
                // Nothing decided the region and the switch named no province to fall back to: no queue will ever
                // take this call, so say so rather than "pending" for good.
                throw ProblemException.unprocessable("region-undetermined", "Call " + call.callId + " has no region: "
                        + "the dialed number has no area code, the caller's number and carrier tell none, and the "
                        + "switch's token names no province; let the caller choose the insured region in the IVR.");
            }
            return call;
        });
    }

    private Uni<QueuePosition> estimate(CallRecord call, Callback callback) {
        boolean held = callback != null && callback.status == CallbackStatus.WAITING;
        if (!call.waiting() && !held) {
            throw ProblemException.conflict("call-not-waiting", "Call " + call.callId + " is " + call.state()
                    + ", not waiting in a queue.");
        }
        if (call.regionCode == null) {
            throw ProblemException.unavailable("region-pending",
                    "The call's region is not known yet: routing is unreachable; try again in a few seconds.", 5);
        }
        int priority = held ? callback.priority : call.priority;
        Instant place = held ? callback.placeAt : call.placeAt();
        Instant now = Instant.now();
        Instant since = now.minus(config.queues().window());
        return calls.countAhead(call.tenant, call.regionCode, priority, place, call.callId)
                .flatMap(ahead -> agents.inQueue(call.tenant, call.regionCode)
                        .flatMap(staff -> calls.averageHandleSeconds(call.tenant, call.regionCode, since)
                                .flatMap(aht -> calls.offeredSince(call.tenant, call.regionCode, since)
                                        .map(offered -> build(call, held ? callback : null, ahead,
                                                (int) staff.stream().filter(a -> a.state.onDuty()).count(),
                                                (int) staff.stream().filter(a -> a.state == AgentPresence.AVAILABLE)
                                                        .count(),
                                                aht, offered, now)))));
    }

    private QueuePosition build(CallRecord call, Callback callback, long ahead, int onDuty, int available,
            Double recentAht, long offered, Instant now) {
        int aht = recentAht == null || recentAht < 1 ? config.queues().defaultHandleSeconds()
                : (int) Math.round(recentAht);
        boolean open = hours.isOpen(call.tenant, now);
        Instant nextOpening = open ? null : hours.nextOpening(call.tenant, now);
        Integer estimate = null;
        Double pWait = null;
        Integer asa = null;
        if (open && onDuty > 0) {
            // The caller is answered when the calls ahead of it and itself have found an agent: with every agent
            // busy, one frees up every aht / onDuty seconds on average.
            long waitingForAgent = Math.max(0, ahead + 1 - available);
            estimate = (int) Math.round(waitingForAgent * (double) aht / onDuty);
            double arrivalsPerSecond = offered / (double) config.queues().window().toSeconds();
            double traffic = arrivalsPerSecond * aht;
            if (traffic < onDuty) {
                pWait = erlangC(onDuty, traffic);
                asa = (int) Math.round(pWait * aht / (onDuty - traffic));
            } else {
                pWait = 1.0;
            }
        }
        boolean offerCallback = !open || estimate == null || estimate > config.queues().callbackThresholdSeconds();
        return new QueuePosition(call.callId, callback != null ? "CALLBACK_WAITING" : call.state(), call.tenant,
                call.regionCode, ahead + 1, ahead, estimate, onDuty, available, aht, pWait, asa, open, nextOpening,
                offerCallback && callback == null, callback == null ? null : callback.id,
                announcement(ahead, estimate, open, offerCallback, callback != null));
    }

    /** Erlang C: the probability that a caller waits, with {@code n} agents and {@code a} Erlangs of traffic (a < n). */
    static double erlangC(int n, double a) {
        double term = 1;
        double sum = 1;
        for (int k = 1; k < n; k++) {
            term *= a / k;
            sum += term;
        }
        double waiting = term * a / n * n / (n - a);
        return waiting / (sum + waiting);
    }

    private static String announcement(long ahead, Integer estimate, boolean open, boolean offerCallback,
            boolean held) {
        if (held) {
            return "您已预约回电，我们为您保留排队位置，前面还有" + ahead + "位，轮到您时工作人员将回电。";
        }
        if (!open) {
            return "现在是非人工服务时间，您可以继续使用自助语音服务，或按1预约回电，工作时间内我们将按顺序回电。";
        }
        String wait = estimate == null ? "暂时无法估计等待时间" : "预计等待约" + Math.max(1, (estimate + 59) / 60) + "分钟";
        return "您前面还有" + ahead + "位来电，" + wait + "。"
                + (offerCallback ? "如不想等待，请按1预约回电，我们将保留您的排队位置。" : "请稍候。");
    }
}
