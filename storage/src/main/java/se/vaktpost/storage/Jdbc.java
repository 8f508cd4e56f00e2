package se.vaktpost.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Binds positional parameters: keeps the store's methods to one line per statement. */
public final class Jdbc {
    // Instants are stored as Instant.toString(), which drops zero milliseconds; a bound written
    // with milliseconds always sorts correctly against such text.
    private static final java.time.format.DateTimeFormatter BOUND =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private Jdbc() {
    }

    /** An instant as a range bound to compare with stored instant text ({@code at >= ?}). */
    public static String bound(java.time.Instant t) {
        return t == null ? null : BOUND.format(t);
    }

    /** Work inside one transaction. */
    public interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * One short write transaction on {@code c}: committed when {@code work} returns, rolled back
     * when it throws, and the connection back in autocommit either way.
     */
    public static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    public static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            bind(ps, i + 1, params[i]);
        }
        return ps;
    }

    /** Binds each {@code :name} of the statement from {@code params}; a missing name is an error. */
    public static PreparedStatement prepare(Connection c, NamedSql.Statement st, Params params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(st.jdbc());
        bind(ps, st, params);
        return ps;
    }

    /** Binds a prepared statement again, e.g. for each row of a batch. */
    public static void bind(PreparedStatement ps, NamedSql.Statement st, Params params) throws SQLException {
        for (int i = 0; i < st.parameters().size(); i++) {
            bind(ps, i + 1, params.get(st.parameters().get(i), st.name()));
        }
    }

    public static int update(Connection c, NamedSql.Statement st, Params params) throws SQLException {
        try (PreparedStatement ps = prepare(c, st, params)) {
            return ps.executeUpdate();
        }
    }

    /** Booleans as 0/1, numbers as integers, anything else (instants, UUIDs, enums) as its text. */
    private static void bind(PreparedStatement ps, int index, Object p) throws SQLException {
        if (p instanceof Boolean b) {
            ps.setInt(index, b ? 1 : 0);
        } else if (p == null) {
            ps.setNull(index, java.sql.Types.VARCHAR);
        } else if (p instanceof Number n) {
            ps.setLong(index, n.longValue());
        } else {
            ps.setString(index, p.toString());
        }
    }
}
