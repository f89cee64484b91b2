package org.hotline.testing.fuzz;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The row count of every table of a service's database in one round trip, to prove that a refused request stored
 * nothing. Tables written in the background whatever the requests (outbox relays, feed positions) are left out by
 * name.
 */
public final class StoredRows {

    private final DataSource dataSource;
    private final List<String> tables = new ArrayList<>();
    private final String query;

    /** Watches every table of the {@code public} schema except Flyway's history and {@code ignored}. */
    public StoredRows(DataSource dataSource, Set<String> ignored) {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                        + "'public' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            while (r.next()) {
                String table = r.getString(1);
                if (!table.startsWith("flyway_") && !ignored.contains(table)) {
                    tables.add(table);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder sql = new StringBuilder("SELECT ARRAY[0");
        for (String table : tables) {
            sql.append(", (SELECT count(*) FROM \"").append(table).append("\")");
        }
        query = sql.append("]").toString();
    }

    /** The counts now, in the order of {@link #tables()}. */
    public long[] count() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(query)) {
            r.next();
            Long[] counts = (Long[]) r.getArray(1).getArray();
            return Arrays.stream(counts).skip(1).mapToLong(Long::longValue).toArray();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The watched tables. */
    public List<String> tables() {
        return tables;
    }

    /** The tables whose count differs between two snapshots, with both counts; empty when none. */
    public String difference(long[] before, long[] after) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tables.size(); i++) {
            if (before[i] != after[i]) {
                out.append(tables.get(i)).append(' ').append(before[i]).append("->").append(after[i]).append(' ');
            }
        }
        return out.toString().trim();
    }
}
