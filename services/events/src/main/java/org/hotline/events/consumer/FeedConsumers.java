package org.hotline.events.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.All;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.hotline.events.config.EventsConfig;
import org.hotline.events.schema.EventsSchema;

/**
 * Starts one consumption per {@link FeedHandler} bean of the service, on the configured transport (a gRPC stream
 * under a lease, or a Kafka consumer group), and stops them on shutdown.
 */
@ApplicationScoped
public class FeedConsumers {

    private final List<FeedHandler> handlers;
    private final DataSource dataSource;
    private final EventsConfig config;
    private final EventsSchema schema;
    private final MeterRegistry registry;
    private final List<Runnable> stops = new ArrayList<>();

    public FeedConsumers(@All List<FeedHandler> handlers, DataSource dataSource, EventsConfig config,
            EventsSchema schema, MeterRegistry registry) {
        this.handlers = handlers;
        this.dataSource = dataSource;
        this.config = config;
        this.schema = schema;
        this.registry = registry;
    }

    void start(@Observes StartupEvent start) throws InterruptedException {
        if (handlers.isEmpty() || !config.consumer().enabled()) {
            return;
        }
        schema.awaitReady();
        Set<String> names = new HashSet<>();
        for (FeedHandler handler : handlers) {
            if (!names.add(handler.consumer())) {
                throw new IllegalStateException("Two FeedHandlers are named '" + handler.consumer() + "'");
            }
            if (config.transport() == EventsConfig.Transport.KAFKA) {
                KafkaFeedConsumption consumption = new KafkaFeedConsumption(handler, dataSource, config, registry);
                stops.add(consumption::stop);
                consumption.start();
            } else {
                FeedConsumption consumption = new FeedConsumption(handler, dataSource, config.consumer(), registry);
                stops.add(consumption::stop);
                consumption.start();
            }
            Log.infof("Consumer '%s' follows feed '%s' over %s", handler.consumer(), handler.feed(),
                    config.transport().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    void stop(@Observes ShutdownEvent stop) {
        stops.forEach(Runnable::run);
    }
}
