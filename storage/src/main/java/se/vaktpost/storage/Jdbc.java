package se.vaktpost.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Binds positional parameters: keeps the store's methods to one line per statement. */
public final class Jdbc {
    private Jdbc() {
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
