package com.legacyshop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Data access for products: plain JDBC, one SQL round trip per call, no caching of any kind.
 * This is the class the rules file targets; nothing here knows that.
 */
public class ProductDao {
    /** The old storefront shows one page of 100 products per category; so does this query. */
    public static final int CATEGORY_PAGE_SIZE = 100;

    static final String COLUMNS = "id, name, category, price, stock";
    static final String INSERT_SQL =
            "INSERT INTO demo_products (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)";
    private static final int IMPORT_BATCH_SIZE = 1000;

    private final Database database;

    public ProductDao(Database database) {
        this.database = database;
    }

    Database database() {
        return database;
    }

    /** @return the product, or {@code null} when there is none with this id */
    public Product findById(long id) {
        String sql = "SELECT " + COLUMNS + " FROM demo_products WHERE id = ?";
        try (PreparedStatement ps = database.connection().prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = database.executeQuery(ps)) {
                return rs.next() ? read(rs) : null;
            }
        } catch (SQLException e) {
            throw new DataAccessException("findById(" + id + ") failed", e);
        }
    }

    /**
     * Several products in one query ({@code WHERE id IN (...)}), in the order of {@code ids}; ids
     * with no product are left out, and a repeated id appears once.
     */
    public List<Product> findByIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return new ArrayList<>();
        }
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM demo_products WHERE id IN (");
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        sql.append(')');
        try (PreparedStatement ps = database.connection().prepareStatement(sql.toString())) {
            int index = 1;
            for (Long id : ids) {
                ps.setLong(index++, id);
            }
            Map<Long, Product> byId = new HashMap<>();
            try (ResultSet rs = database.executeQuery(ps)) {
                while (rs.next()) {
                    Product p = read(rs);
                    byId.put(p.getId(), p);
                }
            }
            List<Product> found = new ArrayList<>();
            for (Long id : new LinkedHashSet<>(ids)) {
                Product p = byId.get(id);
                if (p != null) {
                    found.add(p);
                }
            }
            return found;
        } catch (SQLException e) {
            throw new DataAccessException("findByIds(" + ids.size() + " ids) failed", e);
        }
    }

    /** The first page of a category, by name; empty when the category is unknown. */
    public List<Product> findByCategory(String category) {
        String sql = "SELECT " + COLUMNS + " FROM demo_products WHERE category = ? ORDER BY name, id LIMIT "
                + CATEGORY_PAGE_SIZE;
        try (PreparedStatement ps = database.connection().prepareStatement(sql)) {
            ps.setString(1, category);
            List<Product> page = new ArrayList<>();
            try (ResultSet rs = database.executeQuery(ps)) {
                while (rs.next()) {
                    page.add(read(rs));
                }
            }
            return page;
        } catch (SQLException e) {
            throw new DataAccessException("findByCategory(" + category + ") failed", e);
        }
    }

    /**
     * Updates every column of an existing product.
     *
     * @return the product as stored (the argument itself)
     * @throws ProductNotFoundException when no product has this id (nothing is written)
     */
    public Product save(Product product) {
        String sql = "UPDATE demo_products SET name = ?, category = ?, price = ?, stock = ? WHERE id = ?";
        try (PreparedStatement ps = database.connection().prepareStatement(sql)) {
            ps.setString(1, product.getName());
            ps.setString(2, product.getCategory());
            ps.setBigDecimal(3, product.getPrice());
            ps.setInt(4, product.getStock());
            ps.setLong(5, product.getId());
            if (database.executeUpdate(ps) == 0) {
                throw new ProductNotFoundException(product.getId());
            }
            return product;
        } catch (SQLException e) {
            throw new DataAccessException("save(" + product.getId() + ") failed", e);
        }
    }

    /** Removes a product; deleting one that is already gone is not an error. */
    public void delete(long id) {
        try (PreparedStatement ps = database.connection().prepareStatement("DELETE FROM demo_products WHERE id = ?")) {
            ps.setLong(1, id);
            database.executeUpdate(ps);
        } catch (SQLException e) {
            throw new DataAccessException("delete(" + id + ") failed", e);
        }
    }

    /**
     * Replaces the whole catalog with {@code products}, in one transaction: readers see either the
     * old catalog or the new one.
     *
     * @return how many products were imported
     */
    public int importAll(List<Product> products) {
        Connection c = database.connection();
        try {
            c.setAutoCommit(false);
            try (PreparedStatement wipe = c.prepareStatement("DELETE FROM demo_products");
                 PreparedStatement insert = c.prepareStatement(INSERT_SQL)) {
                database.executeUpdate(wipe);
                int pending = 0;
                for (Product p : products) {
                    bindInsert(insert, p);
                    insert.addBatch();
                    if (++pending == IMPORT_BATCH_SIZE) {
                        database.executeBatch(insert);
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    database.executeBatch(insert);
                }
                c.commit();
                return products.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataAccessException("importAll(" + products.size() + " products) failed", e);
        }
    }

    static void bindInsert(PreparedStatement insert, Product p) throws SQLException {
        insert.setLong(1, p.getId());
        insert.setString(2, p.getName());
        insert.setString(3, p.getCategory());
        insert.setBigDecimal(4, p.getPrice());
        insert.setInt(5, p.getStock());
    }

    private static Product read(ResultSet rs) throws SQLException {
        return new Product(rs.getLong("id"), rs.getString("name"), rs.getString("category"),
                rs.getBigDecimal("price"), rs.getInt("stock"));
    }
}
