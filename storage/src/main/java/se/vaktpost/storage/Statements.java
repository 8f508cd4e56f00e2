package se.vaktpost.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The prepared statements of one connection, each compiled once and then reused. SQLite compiles
 * a statement's text on every prepare; on the hub's alarm path, with half a dozen statements per
 * event, that was about a sixth of the core's CPU in a burst of lockdowns.
 *
 * <p>Belongs to the one thread that owns the connection, like the connection itself. A query's
 * {@link ResultSet} must be closed before its statement is used again; closing it resets the
 * statement, so no read snapshot stays open to hold back a checkpoint of the write-ahead log.
 */
public final class Statements implements AutoCloseable {
    private final Connection connection;
    private final Map<NamedSql.Statement, PreparedStatement> prepared = new HashMap<>();

    public Statements(Connection connection) {
        this.connection = connection;
    }

    /** The statement, compiled on first use, with every {@code :name} bound from {@code params}. */
    public PreparedStatement bound(NamedSql.Statement st, Params params) throws SQLException {
        PreparedStatement ps = kept(st);
        ps.clearParameters();
        Jdbc.bind(ps, st, params);
        return ps;
    }

    /**
     * One execution for many rows, each bound from its {@code Params}. A batch an earlier call left
     * half-built (it threw before executing) is dropped first, so its rows are never written later.
     */
    public int[] batch(NamedSql.Statement st, java.util.List<Params> rows) throws SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        PreparedStatement ps = kept(st);
        ps.clearBatch();
        for (Params row : rows) {
            ps.clearParameters();
            Jdbc.bind(ps, st, row);
            ps.addBatch();
        }
        return ps.executeBatch();
    }

    private PreparedStatement kept(NamedSql.Statement st) throws SQLException {
        PreparedStatement ps = prepared.get(st);
        if (ps == null) {
            ps = connection.prepareStatement(st.jdbc());
            prepared.put(st, ps);
        }
        return ps;
    }

    public int update(NamedSql.Statement st, Params params) throws SQLException {
        return bound(st, params).executeUpdate();
    }

    /** The caller closes the result (which leaves the statement for the next use). */
    public ResultSet query(NamedSql.Statement st, Params params) throws SQLException {
        return bound(st, params).executeQuery();
    }

    /** How many distinct statements are compiled and kept. */
    public int size() {
        return prepared.size();
    }

    /** Closes the kept statements (not the connection, which its owner closes). */
    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement ps : prepared.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        prepared.clear();
        if (first != null) {
            throw first;
        }
    }
}
