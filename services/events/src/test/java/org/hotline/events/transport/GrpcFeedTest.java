package org.hotline.events.transport;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;

/** The feed contract on the gRPC transport. */
@QuarkusTest
@TestProfile(GrpcTransport.class)
class GrpcFeedTest extends FeedTransportContract {

    @Override
    String transport() {
        return "grpc";
    }

    @Override
    void awaitCaughtUp() {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            long head = count("SELECT head FROM outbox_feed_state");
            long unsequenced = count("SELECT count(*) FROM outbox_event WHERE position IS NULL");
            long position = count("SELECT coalesce(max(position), 0) FROM event_consumer WHERE consumer = '"
                    + Ledger.CONSUMER + "'");
            if (unsequenced == 0 && position == head && values(metrics(), "hotline_feed_lag").equals(java.util.List.of(0.0))) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("consumer at " + position + ", head " + head);
            }
            pause(50);
        }
    }
}
