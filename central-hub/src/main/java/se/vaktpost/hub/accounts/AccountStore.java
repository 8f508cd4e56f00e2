package se.vaktpost.hub.accounts;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import se.vaktpost.storage.Jdbc;
import se.vaktpost.storage.NamedSql;
import se.vaktpost.storage.Params;
import se.vaktpost.storage.SqliteDatabase;

/** Users and the audit log, on their own connection (SQLite's busy timeout serialises writers). */
public final class AccountStore implements AutoCloseable {
    private static final NamedSql SQL = NamedSql.load("sql/accounts.sql");
    private final Connection db;

    /** A connection of its own to the hub's database, which the caller opened (and migrated) once. */
    public AccountStore(SqliteDatabase database) throws SQLException {
        this.db = database.connect();
    }

    /** For a command-line tool, the only user of the file in its process: opens and migrates it. */
    public AccountStore(Path file) throws SQLException {
        this(SqliteDatabase.open(file, "db/hub"));
    }

    public synchronized void add(User u, String passwordHash, Instant now) throws SQLException {
        Jdbc.update(db, SQL.get("insert_user"), u.username(), passwordHash, u.role().name(), u.site(), now);
    }

    /** The user and their password hash, when the name exists. */
    public synchronized Optional<Login> find(String username) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.get("user"), username); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(login(rs)) : Optional.empty();
        }
    }

    public synchronized List<User> list() throws SQLException {
        List<User> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(SQL.get("users")); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(login(rs).user());
            }
        }
        return out;
    }

    public synchronized boolean setPassword(String username, String passwordHash) throws SQLException {
        return Jdbc.update(db, SQL.get("set_password"), passwordHash, username) == 1;
    }

    public synchronized boolean setDisabled(String username, boolean disabled) throws SQLException {
        return Jdbc.update(db, SQL.get("set_disabled"), disabled, username) == 1;
    }

    /** Sets the e-mail and/or phone (each only when its flag says so); false when there is no such user. */
    public synchronized boolean setContact(String username, String email, String phone, boolean setEmail, boolean setPhone)
            throws SQLException {
        int n = 0;
        if (setEmail) {
            n = Jdbc.update(db, SQL.get("set_email"), email, username);
        }
        if (setPhone) {
            n = Jdbc.update(db, SQL.get("set_phone"), phone, username);
        }
        return n == 1;
    }

    public synchronized void audit(String actor, String action, String target, String detail, String remote,
                                   Instant at) throws SQLException {
        Jdbc.update(db, SQL.get("insert_audit"), at, actor, action, target, detail, remote);
    }

    public record AuditRow(String at, String actor, String action, String target, String detail, String remote) {
    }

    /** The newest audit entries first. */
    public synchronized List<AuditRow> audit(int limit) throws SQLException {
        List<AuditRow> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.get("audit"), limit); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new AuditRow(rs.getString("at"), rs.getString("actor"), rs.getString("action"),
                        rs.getString("target"), rs.getString("detail"), rs.getString("remote")));
            }
        }
        return out;
    }

    /** A token as it is made: what it is for, whose rights it narrows, to what, and until when. */
    public record NewToken(String name, String username, TokenScope scope, Instant expiresAt) {
    }

    /** Stores a new token and returns its id; only the digest of {@code token} is kept. */
    public synchronized long addToken(NewToken t, String token, Instant now) throws SQLException {
        Jdbc.update(db, SQL.statement("insert_token"), Params.of("name", t.name()).and("username", t.username())
                .and("hash", Secrets.digest(token)).and("created", now).and("expires", t.expiresAt())
                .and("scope", t.scope().text()));
        try (PreparedStatement ps = db.prepareStatement("SELECT last_insert_rowid()"); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** What a presented token is: live (with its user narrowed to its scope), expired, or unknown. */
    public sealed interface TokenCheck {
        record Live(User user, String tokenName) implements TokenCheck {
        }

        record Expired(String tokenName) implements TokenCheck {
        }

        /** Made before tokens had scopes: it must be replaced. */
        record Unscoped(String tokenName) implements TokenCheck {
        }

        record Unknown() implements TokenCheck {
        }
    }

    /** Checks a presented token (unknown and revoked ones alike); marks a live one as used. */
    public synchronized TokenCheck token(String token, Instant now) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.statement("token_user"), Params.of("hash", Secrets.digest(token)));
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return new TokenCheck.Unknown();
            }
            String name = rs.getString("token_name");
            String scope = rs.getString("scope");
            String expires = rs.getString("expires_at");
            if (scope == null || expires == null) {
                return new TokenCheck.Unscoped(name);
            }
            if (!Instant.parse(expires).isAfter(now)) {
                return new TokenCheck.Expired(name);
            }
            User user = login(rs).user().scoped(TokenScope.parse(scope));
            Jdbc.update(db, SQL.get("token_used"), now, rs.getLong("token_id"));
            return new TokenCheck.Live(user, name);
        }
    }

    public record TokenRow(long id, String name, String username, String scope, String createdAt, String expiresAt,
                           String lastUsedAt, String revokedAt) {
    }

    public synchronized List<TokenRow> tokens() throws SQLException {
        List<TokenRow> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(SQL.get("tokens")); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new TokenRow(rs.getLong("id"), rs.getString("name"), rs.getString("username"),
                        rs.getString("scope"), rs.getString("created_at"), rs.getString("expires_at"),
                        rs.getString("last_used_at"), rs.getString("revoked_at")));
            }
        }
        return out;
    }

    public synchronized boolean revokeToken(long id, Instant now) throws SQLException {
        return Jdbc.update(db, SQL.get("revoke_token"), now, id) == 1;
    }

    /** A random key made the first time it is asked for and the same ever after. */
    public synchronized String key(String name) throws SQLException {
        Jdbc.update(db, SQL.get("insert_key"), name, Secrets.newToken());
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.get("key"), name); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * A user with the stored hash, for checking a password, and when their second factor was
     * confirmed (null: none). Both are part of what a session proves.
     */
    public record Login(User user, String passwordHash, String factorSince) {
    }

    private static Login login(ResultSet rs) throws SQLException {
        return new Login(new User(rs.getString("username"), Role.valueOf(rs.getString("role")), rs.getString("site"),
                rs.getInt("disabled") == 1), rs.getString("password_hash"), rs.getString("factor_since"));
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }
}
