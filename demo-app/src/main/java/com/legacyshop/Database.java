package com.legacyshop;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shop's thin JDBC layer: hands out connections and executes statements.
 *
 * <p>Two things happen here that the DAO should not have to care about: every statement sent to
 * the server is counted ({@link QueryCounter}), and each round trip waits {@code latencyMillis}
 * first. The demo database is in-memory and answers in microseconds; production databases sit
 * across a network and answer in milliseconds, which is what makes caching worth it. The delay
 * is taken while the connection is held, as a real round trip would.
 *
 * <p>Connections are bound to the thread that uses them (the HTTP server runs a fixed pool of
 * worker threads), the way many pre-pool applications did it: no pool library, no leaks to chase.
 */
public class Database implements AutoCloseable {
    /** In-memory H2 that lives as long as the JVM, shared by all of this process' connections. */
    public static final String DEFAULT_URL = "jdbc:h2:mem:legacyshop;DB_CLOSE_DELAY=-1";

    private final String url;
    private final int latencyMillis;
    private volatile boolean down;
    private final List<Connection> opened = new ArrayList<>();
    private final ThreadLocal<Connection> perThread = new ThreadLocal<>();

    public Database(String url, int latencyMillis) {
        this.url = url;
        this.latencyMillis = latencyMillis;
    }

    public String url() {
        return url;
    }

    public int latencyMillis() {
        return latencyMillis;
    }

    /** A human description without credentials, for the startup banner. */
    public String describe() {
        String safe = url.replaceAll("(?i)(password=)[^&;]*", "$1***");
        return url.startsWith("jdbc:h2:mem:") ? "H2 (in-memory)" : safe;
    }

    /** This thread's connection, opened on first use. Callers must not close it. */
    public Connection connection() {
        Connection c = perThread.get();
        try {
            if (c == null || c.isClosed()) {
                c = DriverManager.getConnection(url);
                perThread.set(c);
                synchronized (opened) {
                    opened.add(c);
                }
            }
            return c;
        } catch (SQLException e) {
            throw new DataAccessException("cannot connect to " + describe() + ": " + e.getMessage(), e);
        }
    }

    public ResultSet executeQuery(PreparedStatement statement) throws SQLException {
        roundTrip();
        return statement.executeQuery();
    }

    public int executeUpdate(PreparedStatement statement) throws SQLException {
        roundTrip();
        return statement.executeUpdate();
    }

    /** A JDBC batch travels in one round trip. */
    public int[] executeBatch(PreparedStatement statement) throws SQLException {
        roundTrip();
        return statement.executeBatch();
    }

    /**
     * Simulates an outage (the OutageLook demo): while down, every statement fails as a real
     * driver does when the server is unreachable.
     */
    public void setDown(boolean down) {
        this.down = down;
    }

    private void roundTrip() throws SQLException {
        if (down) {
            throw new SQLException("connection refused: the database is down", "08001");
        }
        QueryCounter.increment();
        if (latencyMillis > 0) {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        synchronized (opened) {
            for (Connection c : opened) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // shutting down; nothing useful to do
                }
            }
            opened.clear();
        }
    }
}
