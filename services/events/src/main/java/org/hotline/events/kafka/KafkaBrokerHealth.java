package org.hotline.events.kafka;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.hotline.events.config.EventsConfig;

/**
 * Readiness of the kafka transport: a broker of the cluster answers. With the gRPC transport it is always UP (the
 * feed then depends on PostgreSQL only, which the datasource check covers).
 */
@Readiness
@ApplicationScoped
public class KafkaBrokerHealth implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final EventsConfig config;
    private final KafkaOutboxRelay relay;
    private Admin admin;

    public KafkaBrokerHealth(EventsConfig config, KafkaOutboxRelay relay) {
        this.config = config;
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("hotline-events-kafka")
                .withData("transport", config.transport().name().toLowerCase(java.util.Locale.ROOT));
        if (config.transport() != EventsConfig.Transport.KAFKA) {
            return response.up().build();
        }
        response.withData("bootstrap-servers", config.kafka().bootstrapServers());
        if (relay.active()) {
            response.withData("published-through", relay.publishedThrough());
        }
        try {
            int nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            response.withData("brokers", nodes);
            return response.status(nodes > 0 || !config.kafka().readinessNeedsBroker()).build();
        } catch (Exception e) {
            response.withData("error", String.valueOf(e.getMessage()));
            return response.status(!config.kafka().readinessNeedsBroker()).build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> props = KafkaSettings.common(config.kafka(),
                    "hotline-health-" + config.producer().feedName());
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            admin = Admin.create(props);
        }
        return admin;
    }

    synchronized void stop(@Observes ShutdownEvent stop) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
