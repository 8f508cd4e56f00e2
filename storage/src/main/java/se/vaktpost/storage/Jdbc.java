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

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    public static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Boolean b) {
                ps.setInt(i + 1, b ? 1 : 0);
            } else if (p == null) {
                ps.setNull(i + 1, java.sql.Types.VARCHAR);
            } else if (p instanceof Number n) {
                ps.setLong(i + 1, n.longValue());
            } else {
                ps.setString(i + 1, p.toString());
            }
        }
        return ps;
    }
}
