package se.vaktpost.hub.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import se.vaktpost.hub.accounts.Secrets;
import se.vaktpost.storage.Jdbc;
import se.vaktpost.storage.NamedSql;
import se.vaktpost.storage.Params;

/**
 * A school's invitation for its staff to receive its lockdown alerts on their own phones without
 * an account: one active link per school, made anew (the old one stops working) or revoked by
 * whoever may manage the school. The token is made and kept (a SHA-256 only) as API tokens are
 * ({@link Secrets}); the link is shown once.
 */
public final class StaffInvitations implements AutoCloseable {
    private static final NamedSql SQL = NamedSql.load("sql/notify.sql");
    private final Connection db;

    public StaffInvitations(Connection db) {
        this.db = db;
    }

    /** Who made the school's active invitation and when; empty when there is none. */
    public record Active(String createdBy, String createdAt) {
    }

    /** A new invitation for the site (the previous one stops working); returns the token, shown once. */
    public synchronized String renew(String site, String by, Instant now) throws SQLException {
        String token = Secrets.newToken();
        Jdbc.inTransaction(db, () -> {
            Jdbc.update(db, SQL.statement("invitation_revoke_site"), Params.of("now", now).and("site", site));
            Jdbc.update(db, SQL.statement("invitation_add"), Params.of("site", site).and("hash", Secrets.digest(token)).and("by", by)
                    .and("now", now));
            return null;
        });
        return token;
    }

    /** False when there was no active invitation. */
    public synchronized boolean revoke(String site, Instant now) throws SQLException {
        return Jdbc.update(db, SQL.statement("invitation_revoke_site"), Params.of("now", now).and("site", site)) > 0;
    }

    public synchronized Optional<Active> active(String site) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.statement("invitation_active"), Params.of("site", site));
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new Active(rs.getString(1), rs.getString(2))) : Optional.empty();
        }
    }

    /** The school an active invitation is for; empty for an unknown or revoked token. */
    public synchronized Optional<String> site(String token) throws SQLException {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.statement("invitation_site"), Params.of("hash", Secrets.digest(token)));
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }
}
