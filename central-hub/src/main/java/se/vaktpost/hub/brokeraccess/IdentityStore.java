package se.vaktpost.hub.brokeraccess;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import se.vaktpost.protocol.transport.MqttIdentity;
import se.vaktpost.storage.Jdbc;
import se.vaktpost.storage.NamedSql;
import se.vaktpost.storage.Params;
import se.vaktpost.storage.SqliteDatabase;

/** The MQTT identities the hub has issued: hashes only, with when each was issued and revoked. */
public final class IdentityStore implements AutoCloseable {
    private static final NamedSql SQL = NamedSql.load("sql/brokeraccess.sql");
    private final Connection db;

    /** One issued identity; {@code revokedAt} is null while it may connect. */
    public record Row(MqttIdentity identity, String passwordHash, String issuedAt, String revokedAt) {
        public boolean live() {
            return revokedAt == null;
        }
    }

    public IdentityStore(SqliteDatabase database) throws SQLException {
        this.db = database.connect();
    }

    /** Issues (or re-issues, replacing the old password and lifting a revocation) an identity. */
    public synchronized void issue(MqttIdentity id, String passwordHash, Instant now) throws SQLException {
        Jdbc.update(db, SQL.statement("issue"), Params.of("username", id.username()).and("site", id.site())
                .and("panel", id.panel()).and("hash", passwordHash).and("at", now));
    }

    /** False when there is no live identity of that name. */
    public synchronized boolean revoke(MqttIdentity id, Instant now) throws SQLException {
        return Jdbc.update(db, SQL.statement("revoke"), Params.of("username", id.username()).and("at", now)) == 1;
    }

    /** The password hash of a live identity; empty when unknown or revoked. Safe from any thread. */
    public synchronized java.util.Optional<String> liveHash(String username) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.statement("live_hash"), Params.of("username", username));
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
        }
    }

    public synchronized List<Row> all() throws SQLException {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(SQL.get("all")); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                MqttIdentity.parse(rs.getString("username")).ifPresent(id -> out.add(row(id, rs)));
            }
        }
        return out;
    }

    private static Row row(MqttIdentity id, ResultSet rs) {
        try {
            return new Row(id, rs.getString("password_hash"), rs.getString("issued_at"), rs.getString("revoked_at"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }
}
