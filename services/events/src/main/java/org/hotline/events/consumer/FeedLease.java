package org.hotline.events.consumer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The right to consume a feed among a consumer's replicas: a PostgreSQL session advisory lock held on a dedicated
 * connection. When the holder dies its connection closes and PostgreSQL frees the lock at once (kill -9 closes the
 * socket; a vanished host is noticed by TCP keepalive), and another replica takes it at its next try.
 */
final class FeedLease implements AutoCloseable {

    private final Connection connection;

    private FeedLease(Connection connection) {
        this.connection = connection;
    }

    /** The lease of {@code consumer}, or null when another replica holds it. */
    static FeedLease tryAcquire(DataSource dataSource, String consumer) throws SQLException {
        Connection c = dataSource.getConnection();
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_lock(hashtextextended(?, 0))")) {
            lock.setString(1, "hotline-events:" + consumer);
            try (ResultSet rs = lock.executeQuery()) {
                if (rs.next() && rs.getBoolean(1)) {
                    return new FeedLease(c);
                }
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        c.close();
        return null;
    }

    /** Whether the lease connection (and so the lock) is still alive. */
    boolean isHeld() {
        try (PreparedStatement ping = connection.prepareStatement("SELECT 1"); ResultSet rs = ping.executeQuery()) {
            return rs.next();
        } catch (SQLException e) {
            return false;
        }
    }

    /** The consumer's stored position, creating it at 0 the first time. */
    long position(String consumer, String feed) throws SQLException {
        try (PreparedStatement init = connection.prepareStatement("INSERT INTO event_consumer "
                + "(consumer, feed, position, updated_at) VALUES (?, ?, 0, now()) ON CONFLICT (consumer) DO NOTHING")) {
            init.setString(1, consumer);
            init.setString(2, feed);
            init.executeUpdate();
        }
        try (PreparedStatement read = connection.prepareStatement(
                "SELECT position FROM event_consumer WHERE consumer = ?")) {
            read.setString(1, consumer);
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Forgets applied ids older than the retention (their events are long past every producer's retention). */
    int forgetAppliedBefore(String consumer, java.time.Instant cutoff) throws SQLException {
        try (PreparedStatement forget = connection.prepareStatement(
                "DELETE FROM event_applied WHERE consumer = ? AND applied_at < ?")) {
            forget.setString(1, consumer);
            forget.setTimestamp(2, java.sql.Timestamp.from(cutoff));
            return forget.executeUpdate();
        }
    }

    @Override
    public void close() {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
            unlock.execute();
        } catch (SQLException ignored) {
            // The connection is gone, and the lock with it.
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Nothing left to release.
        }
    }
}
