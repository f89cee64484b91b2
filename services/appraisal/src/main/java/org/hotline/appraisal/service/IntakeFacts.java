package org.hotline.appraisal.service;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Channel;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import org.hotline.appraisal.domain.CallFact;
import org.hotline.appraisal.domain.CallbackFact;
import org.hotline.events.consumer.FeedEvent;
import org.hotline.events.consumer.FeedHandler;

/**
 * Turns intake's call and callback facts into one {@code call_fact} row per call and one {@code callback_fact} row
 * per callback. Reads payload version 1 ({@code google.protobuf.Struct}, still in the feed for its retention) and the
 * typed messages of {@code hotline/intake/v1/intake_events.proto}; applied in feed order, so a replay from position 0
 * rebuilds the same rows.
 */
@ApplicationScoped
public class IntakeFacts implements FeedHandler {

    private final Channel channel;

    public IntakeFacts(@GrpcClient("intake") Channel channel) {
        this.channel = channel;
    }

    @Override
    public String consumer() {
        return "appraisal-intake";
    }

    @Override
    public String feed() {
        return "intake";
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public Uni<Void> apply(FeedEvent event) {
        if (event.is(Struct.class)) {
            return applyStruct(event, event.payload(Struct.class));
        }
        return IntakeTypedFacts.apply(event, this);
    }

    private Uni<Void> applyStruct(FeedEvent event, Struct p) {
        return switch (event.type()) {
            case "intake.call.ended", "intake.call.abandoned" -> call(str(p, "call_id"), c -> {
                c.tenant = event.tenant();
                c.regionCode = str(p, "region_code");
                c.queueId = c.regionCode;
                c.agentId = str(p, "agent_id");
                c.category = str(p, "category");
                c.outcome = str(p, "outcome");
                c.offeredAt = time(p, "offered_at");
                c.answeredAt = time(p, "answered_at");
                c.abandonedAt = time(p, "abandoned_at");
                c.endedAt = time(p, "ended_at");
                Instant queued = time(p, "queued_at");
                Instant start = queued != null ? queued : c.offeredAt;
                if (c.answeredAt != null && start != null) {
                    c.waitSeconds = seconds(Duration.between(start, c.answeredAt));
                } else if (c.abandonedAt != null && start != null) {
                    c.waitSeconds = seconds(Duration.between(start, c.abandonedAt));
                }
                if (c.answeredAt != null && c.endedAt != null) {
                    c.handleSeconds = seconds(Duration.between(c.answeredAt, c.endedAt));
                }
            });
            case "intake.callback.closed" -> callback(str(p, "callback_id"), cb -> {
                cb.tenant = event.tenant();
                cb.regionCode = str(p, "region_code");
                cb.queueId = cb.regionCode;
                cb.agentId = str(p, "agent_id");
                cb.requestedAt = time(p, "requested_at");
                cb.completedAt = time(p, "completed_at");
                cb.status = "DONE".equals(str(p, "status")) ? "KEPT" : "FAILED";
                Value attempts = p.getFieldsMap().get("attempts");
                cb.attempts = attempts == null ? 0 : (int) attempts.getNumberValue();
            });
            default -> Uni.createFrom().voidItem();
        };
    }

    /** Loads (or starts) a call's row and lets {@code change} fill it in. */
    Uni<Void> call(String callId, java.util.function.Consumer<CallFact> change) {
        if (callId == null) {
            return Uni.createFrom().voidItem();
        }
        return CallFact.<CallFact>findById(callId).chain(found -> {
            CallFact c = found != null ? found : new CallFact();
            c.callId = callId;
            change.accept(c);
            if (c.offeredAt == null || c.tenant == null) {
                return Uni.createFrom().voidItem(); // nothing countable yet (cannot happen with intake's facts)
            }
            return (found == null ? c.persist() : Uni.createFrom().item(c)).replaceWithVoid();
        });
    }

    /** Loads (or starts) a callback's row and lets {@code change} fill it in. */
    Uni<Void> callback(String callbackId, java.util.function.Consumer<CallbackFact> change) {
        if (callbackId == null) {
            return Uni.createFrom().voidItem();
        }
        return CallbackFact.<CallbackFact>findById(callbackId).chain(found -> {
            CallbackFact cb = found != null ? found : new CallbackFact();
            cb.callbackId = callbackId;
            change.accept(cb);
            if (cb.requestedAt == null || cb.tenant == null || cb.status == null) {
                return Uni.createFrom().voidItem();
            }
            return (found == null ? cb.persist() : Uni.createFrom().item(cb)).replaceWithVoid();
        });
    }

    static BigDecimal seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis()).divide(BigDecimal.valueOf(1000), 3, RoundingMode.HALF_UP);
    }

    static BigDecimal seconds(double s) {
        return BigDecimal.valueOf(s).setScale(3, RoundingMode.HALF_UP);
    }

    static Instant instant(String s) {
        return s == null || s.isEmpty() ? null : Instant.parse(s);
    }

    static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String str(Struct p, String key) {
        Value v = p.getFieldsMap().get(key);
        return v == null || v.getStringValue().isEmpty() ? null : v.getStringValue();
    }

    private static Instant time(Struct p, String key) {
        return instant(str(p, "" + key));
    }
}
