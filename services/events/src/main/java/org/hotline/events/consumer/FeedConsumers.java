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

/** Starts one {@link FeedConsumption} per {@link FeedHandler} bean of the service, and stops them on shutdown. */
@ApplicationScoped
public class FeedConsumers {

    private final List<FeedHandler> handlers;
    private final DataSource dataSource;
    private final EventsConfig config;
    private final EventsSchema schema;
    private final MeterRegistry registry;
    private final List<FeedConsumption> running = new ArrayList<>();

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
            FeedConsumption consumption = new FeedConsumption(handler, dataSource, config.consumer(), registry);
            running.add(consumption);
            consumption.start();
            Log.infof("Consumer '%s' follows feed '%s'", handler.consumer(), handler.feed());
        }
    }

    void stop(@Observes ShutdownEvent stop) {
        running.forEach(FeedConsumption::stop);
    }
}
