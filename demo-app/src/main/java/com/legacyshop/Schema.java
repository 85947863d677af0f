package com.legacyshop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Creates the {@code demo_products} table and fills it on first start. Safe to run on every
 * start and from several processes against one database: an existing catalog is left alone
 * (so updates survive restarts), and when two processes race to seed an empty table the loser's
 * transaction fails on the primary key and it simply uses the winner's rows.
 *
 * <p>Seeding bypasses the latency and the query counter on purpose: it is setup, not traffic.
 */
public final class Schema {
    /** Seed for the initial catalog; {@code POST /import} without a body uses other seeds. */
    public static final long INITIAL_SEED = 1L;
    /** How many products a new table gets, unless the server is told otherwise. */
    public static final int DEFAULT_PRODUCTS = 20_000;

    private Schema() {
    }

    /** @return the number of products in the table afterwards */
    public static int prepare(Database database, int productsWhenEmpty) {
        Connection c = database.connection();
        try {
            try {
                createTable(c);
            } catch (SQLException e) {
                // PostgreSQL's IF NOT EXISTS is not atomic: a process racing us may have created
                // the table in between, failing our CREATE on a catalog constraint. Once more.
                createTable(c);
            }
            int existing = count(c);
            if (existing > 0) {
                return existing;
            }
            try {
                seed(c, SampleCatalog.generate(productsWhenEmpty, INITIAL_SEED));
            } catch (SQLException e) {
                if (count(c) == 0) {
                    throw e;
                }
                // another process seeded it first; fine
            }
            return count(c);
        } catch (SQLException e) {
            throw new DataAccessException("cannot prepare table demo_products in " + database.describe()
                    + ": " + e.getMessage(), e);
        }
    }

    private static void createTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS demo_products ("
                    + "id BIGINT PRIMARY KEY, "
                    + "name VARCHAR(200) NOT NULL, "
                    + "category VARCHAR(64) NOT NULL, "
                    + "price NUMERIC(10, 2) NOT NULL, "
                    + "stock INT NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS demo_products_by_category ON demo_products (category, name, id)");
            s.execute("CREATE TABLE IF NOT EXISTS demo_product_views (id BIGINT PRIMARY KEY, views BIGINT NOT NULL)");
        }
    }

    private static void seed(Connection c, List<Product> products) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement(ProductDao.INSERT_SQL)) {
            int pending = 0;
            for (Product p : products) {
                ProductDao.bindInsert(insert, p);
                insert.addBatch();
                if (++pending == 1000) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            insert.executeBatch();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static int count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM demo_products")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
