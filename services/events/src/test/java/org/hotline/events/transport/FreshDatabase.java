package org.hotline.events.transport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

/** Empties the module's test database before the application starts, so each transport's run starts from nothing. */
public class FreshDatabase implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String url = "jdbc:postgresql://" + env("HOTLINE_DB_HOST", "127.0.0.1") + ":" + env("HOTLINE_DB_PORT", "5432")
                + "/hotline_events_test";
        try (Connection c = DriverManager.getConnection(url, env("HOTLINE_DB_USER", "hotline"),
                env("HOTLINE_DB_PASSWORD", "hotline")); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS public CASCADE");
            s.execute("CREATE SCHEMA public");
            s.execute("CREATE TABLE ledger_entry (event_id uuid PRIMARY KEY, aggregate_id varchar(64) NOT NULL, "
                    + "tenant varchar(8) NOT NULL, seq bigint NOT NULL, applied_order bigserial NOT NULL)");
        } catch (Exception e) {
            throw new IllegalStateException("Cannot reset " + url + " (run scripts/db-prepare.sh): " + e.getMessage(), e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
