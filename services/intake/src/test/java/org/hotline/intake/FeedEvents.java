package org.hotline.intake;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Reads what intake put on its event feed (the outbox table), so tests assert the published facts themselves. */
@ApplicationScoped
public class FeedEvents {

    /** One stored event: its type, tenant, payload version and raw payload. */
    public record Stored(String type, String tenant, int payloadVersion, String payloadType, byte[] payload) {

        public <T extends Message> T as(Parser<T> parser) {
            try {
                return parser.parseFrom(payload);
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("payload of " + type + " is not " + payloadType, e);
            }
        }
    }

    private final Pool pool;

    public FeedEvents(Pool pool) {
        this.pool = pool;
    }

    /** The events about one aggregate, in the order they were appended. */
    public List<Stored> of(String aggregateId) {
        List<Stored> out = new ArrayList<>();
        for (Row r : pool.preparedQuery("""
                select type, tenant, payload_version, payload_type, payload from outbox_event
                 where aggregate_id = $1 order by seq""").executeAndAwait(Tuple.of(aggregateId))) {
            out.add(new Stored(r.getString("type"), r.getString("tenant"), r.getInteger("payload_version"),
                    r.getString("payload_type"), r.getBuffer("payload").getBytes()));
        }
        return out;
    }

    /** The only event of {@code type} about the aggregate; fails when there is none or more than one. */
    public Stored single(String aggregateId, String type) {
        List<Stored> found = of(aggregateId).stream().filter(e -> e.type().equals(type)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + " for " + aggregateId + ", found " + found.size()
                    + " among " + of(aggregateId).stream().map(Stored::type).toList());
        }
        return found.get(0);
    }
}
