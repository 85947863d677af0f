package com.legacyshop;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How often each product page was viewed: counted in memory and written to
 * {@code demo_product_views} on every view, one UPDATE per page view. The busiest write of the
 * shop, and one that may lag a little: the demo rules make {@link #save} write-behind, so the
 * database sees about one UPDATE per product per second however many views there are.
 */
public class ProductViews {
    private final Database database;
    private final ConcurrentHashMap<Long, AtomicLong> counts = new ConcurrentHashMap<>();

    public ProductViews(Database database) {
        this.database = database;
    }

    /** Counts one view of product {@code id}; returns its total. */
    public long viewed(long id) {
        long total = counts.computeIfAbsent(id, k -> new AtomicLong(views(id))).incrementAndGet();
        save(id, total);
        return total;
    }

    /** The total stored in the database (0 when the product was never viewed). */
    public long views(long id) {
        try (PreparedStatement ps = database.connection().prepareStatement("SELECT views FROM demo_product_views WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = database.executeQuery(ps)) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new DataAccessException("views(" + id + ") failed", e);
        }
    }

    /** Stores the total of product {@code id} (an absolute value: writing it twice, or only the last one, is the same). */
    public void save(long id, long views) {
        try {
            if (update(id, views) == 0) {
                try (PreparedStatement ps = database.connection().prepareStatement(
                        "INSERT INTO demo_product_views (id, views) VALUES (?, ?)")) {
                    ps.setLong(1, id);
                    ps.setLong(2, views);
                    database.executeUpdate(ps);
                } catch (SQLException raced) {
                    update(id, views); // another thread inserted the row first
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException("save(" + id + ") failed", e);
        }
    }

    private int update(long id, long views) throws SQLException {
        try (PreparedStatement ps = database.connection().prepareStatement("UPDATE demo_product_views SET views = ? WHERE id = ?")) {
            ps.setLong(1, views);
            ps.setLong(2, id);
            return database.executeUpdate(ps);
        }
    }
}
