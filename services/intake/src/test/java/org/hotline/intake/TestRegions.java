package org.hotline.intake;

import io.quarkus.arc.Arc;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Real pooling regions (GB/T 2260) for tests, each handed out with an empty queue: calls still waiting there from
 * earlier runs are marked abandoned, callbacks failed and agents logged out, so positions start at 1.
 * Hubei (42) is open around the clock in the test profile, Guangdong (44) never, Shandong (37) takes calls centrally.
 */
final class TestRegions {

    /** Hubei's pooling regions (prefecture-level cities), e.g. 420100 武汉市. */
    static final List<String> HUBEI = List.of("420100", "420200", "420300", "420500", "420600", "420700", "420800",
            "420900", "421000", "421100", "421200", "421300");
    /** Guangdong's pooling regions, e.g. 440100 广州市. */
    static final List<String> GUANGDONG = List.of("440100", "440200", "440300", "440400", "440500", "440600");

    private TestRegions() {
    }

    /** A Hubei region (always open in tests) with an empty queue. */
    static String open() {
        return emptied(HUBEI.get(ThreadLocalRandom.current().nextInt(HUBEI.size())));
    }

    /** A Guangdong region (never open in tests) with an empty queue. */
    static String closed() {
        return emptied(GUANGDONG.get(ThreadLocalRandom.current().nextInt(GUANGDONG.size())));
    }

    /** Empties a queue (pooling region or province code) left over by earlier runs. */
    static String emptied(String queue) {
        Pool pool = Arc.container().instance(Pool.class).get();
        pool.preparedQuery("""
                update call_record set abandoned_at = now(), updated_at = now()
                 where region_code = $1 and answered_at is null and abandoned_at is null and ended_at is null""")
                .executeAndAwait(Tuple.of(queue));
        pool.preparedQuery("""
                update callback set status = 'FAILED', completed_at = now(), updated_at = now()
                 where region_code = $1 and status in ('WAITING', 'DIALING')""").executeAndAwait(Tuple.of(queue));
        pool.preparedQuery("update agent_state set state = 'LOGGED_OUT' where region_code = $1")
                .executeAndAwait(Tuple.of(queue));
        return queue;
    }
}
