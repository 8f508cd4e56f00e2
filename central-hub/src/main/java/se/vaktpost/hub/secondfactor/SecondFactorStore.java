package se.vaktpost.hub.secondfactor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import se.vaktpost.hub.accounts.Secrets;
import se.vaktpost.storage.Jdbc;
import se.vaktpost.storage.NamedSql;
import se.vaktpost.storage.Params;
import se.vaktpost.storage.SqliteDatabase;

/** Second factors and recovery codes, on their own connection to the hub's database. */
public final class SecondFactorStore implements AutoCloseable {
    private static final NamedSql SQL = NamedSql.load("sql/secondfactor.sql");
    private final Connection db;

    public SecondFactorStore(SqliteDatabase database) throws SQLException {
        this.db = database.connect();
    }

    /** A person's secret; {@code confirmedAt} is null while they are still enrolling. */
    public record Factor(String secret, String confirmedAt, long lastStep) {
        public boolean confirmed() {
            return confirmedAt != null;
        }
    }

    public synchronized Optional<Factor> factor(String username) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.statement("factor"), Params.of("username", username));
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new Factor(rs.getString("secret"), rs.getString("confirmed_at"),
                    rs.getLong("last_step"))) : Optional.empty();
        }
    }

    /** Stores a new secret for someone enrolling, unless they have one (being enrolled or confirmed) already. */
    public synchronized void begin(String username, String secret) throws SQLException {
        Jdbc.update(db, SQL.statement("begin"), Params.of("username", username).and("secret", secret));
    }

    /** Makes the enrolling secret the person's factor and gives them new recovery codes, in one transaction. */
    public synchronized boolean confirm(String username, String secret, long step, List<String> recoveryCodes,
                                        Instant at) throws SQLException {
        return Jdbc.inTransaction(db, () -> {
            if (Jdbc.update(db, SQL.statement("confirm"), Params.of("username", username).and("secret", secret)
                    .and("step", step).and("at", at)) != 1) {
                return false;
            }
            Jdbc.update(db, SQL.statement("delete_recovery_codes"), Params.of("username", username));
            for (String code : recoveryCodes) {
                Jdbc.update(db, SQL.statement("insert_recovery_code"), Params.of("username", username)
                        .and("hash", Secrets.digest(RecoveryCodes.normalise(code))));
            }
            return true;
        });
    }

    /** Moves the person's newest accepted step on; false when another sign-in took this step first. */
    public synchronized boolean acceptStep(String username, long step) throws SQLException {
        return Jdbc.update(db, SQL.statement("accept_step"), Params.of("username", username).and("step", step)) == 1;
    }

    /** Spends a recovery code; false when it is not one of the person's unused codes. */
    public synchronized boolean useRecoveryCode(String username, String typed, Instant at) throws SQLException {
        return Jdbc.update(db, SQL.statement("use_recovery_code"), Params.of("username", username)
                .and("hash", Secrets.digest(RecoveryCodes.normalise(typed))).and("at", at)) == 1;
    }

    public synchronized int recoveryCodesLeft(String username) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.statement("recovery_codes_left"),
                Params.of("username", username)); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Removes the factor, the recovery codes and the passkeys: the person enrols again at their next sign-in. */
    public synchronized boolean reset(String username) throws SQLException {
        return Jdbc.inTransaction(db, () -> {
            Jdbc.update(db, SQL.statement("delete_recovery_codes"), Params.of("username", username));
            int keys = Jdbc.update(db, SQL.statement("delete_passkeys"), Params.of("username", username));
            return Jdbc.update(db, SQL.statement("delete_factor"), Params.of("username", username)) + keys > 0;
        });
    }

    /** A registered passkey: the serialised public key and what the authenticator said of itself. */
    public record Passkey(String credentialId, String label, String credentialData, long signCount,
                          boolean uvInitialized, boolean backupEligible, boolean backupState, String createdAt,
                          String lastUsedAt) {
    }

    public synchronized List<Passkey> passkeys(String username) throws SQLException {
        List<Passkey> out = new java.util.ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.statement("passkeys"), Params.of("username", username));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(passkey(rs));
            }
        }
        return out;
    }

    public synchronized Optional<Passkey> passkey(String username, String credentialId) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.statement("passkey"), Params.of("username", username)
                .and("id", credentialId)); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(passkey(rs)) : Optional.empty();
        }
    }

    public synchronized void addPasskey(String username, Passkey k, Instant at) throws SQLException {
        Jdbc.update(db, SQL.statement("insert_passkey"), Params.of("id", k.credentialId()).and("username", username)
                .and("label", k.label()).and("data", k.credentialData()).and("count", k.signCount())
                .and("uv", k.uvInitialized()).and("be", k.backupEligible()).and("bs", k.backupState()).and("at", at));
    }

    public synchronized void passkeyUsed(String username, String credentialId, long signCount, boolean backupState,
                                         Instant at) throws SQLException {
        Jdbc.update(db, SQL.statement("passkey_used"), Params.of("username", username).and("id", credentialId)
                .and("count", signCount).and("bs", backupState).and("at", at));
    }

    private static Passkey passkey(ResultSet rs) throws SQLException {
        return new Passkey(rs.getString("credential_id"), rs.getString("label"), rs.getString("credential_data"),
                rs.getLong("sign_count"), rs.getInt("uv_initialized") == 1, rs.getInt("backup_eligible") == 1,
                rs.getInt("backup_state") == 1, rs.getString("created_at"), rs.getString("last_used_at"));
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }
}
