package org.hotline.events.transport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.hotline.testing.KafkaTestBroker;

/** Starts one in-process Kafka broker for the whole test JVM and points the application at it. */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaTestBroker broker;

    /** The running broker (started on first use, stopped when the JVM exits). */
    static synchronized KafkaTestBroker broker() {
        if (broker == null) {
            broker = KafkaTestBroker.start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        }
        return broker;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("hotline.events.kafka.bootstrap-servers", broker().bootstrapServers());
    }

    @Override
    public void stop() {
        // Kept for other test classes of this JVM; closed by the shutdown hook.
    }
}
