package se.vaktpost.hub.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.prng.VertxContextPRNG;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.sstore.AbstractSession;
import io.vertx.ext.web.sstore.SessionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import se.vaktpost.hub.accounts.Secrets;
import se.vaktpost.storage.Jdbc;
import se.vaktpost.storage.NamedSql;
import se.vaktpost.storage.SqliteDatabase;

/**
 * Browser sessions in the hub's SQLite file, so a restart keeps people signed in. Rows are keyed
 * by a SHA-256 of the session id, never the id itself. Session values are plain strings
 * (user name, CSRF token) and are kept as JSON.
 *
 * <p>Live sessions are also held in memory, the same objects the handlers change, as Vert.x's
 * local store does: the session handler writes a session back only after a successful reply and
 * only after the reply has gone, so without this the CSRF token it renews on every request could
 * be stale for the next request. The file is what survives a restart.
 */
final class SqliteSessionStore implements SessionStore {
    private static final NamedSql SQL = NamedSql.load("sql/sessions.sql");
    private final Vertx vertx;
    private final Connection db;
    private final VertxContextPRNG prng;
    private final Map<String, Session> live = new ConcurrentHashMap<>();

    SqliteSessionStore(Vertx vertx, SqliteDatabase database) throws SQLException {
        this.vertx = vertx;
        this.db = database.connect();
        this.prng = VertxContextPRNG.current(vertx);
        vertx.setPeriodic(60_000, id -> purgeExpired());
    }

    @Override
    public SessionStore init(Vertx vertx, JsonObject options) {
        return this;
    }

    @Override
    public long retryTimeout() {
        return 0;
    }

    @Override
    public Session createSession(long timeout) {
        return createSession(timeout, DEFAULT_SESSIONID_LENGTH);
    }

    @Override
    public Session createSession(long timeout, int length) {
        return new StoredSession(prng, timeout, length);
    }

    @Override
    public Future<Session> get(String id) {
        Session s = live.get(id);
        if (s != null) {
            return Future.succeededFuture(expired(s) ? null : s);
        }
        // of two requests that load the same session at once, both go on with the one object kept
        return vertx.executeBlocking(() -> load(id)).map(loaded -> {
            if (loaded == null) {
                return null;
            }
            Session kept = live.putIfAbsent(id, loaded);
            return kept != null ? kept : loaded;
        });
    }

    @Override
    public Future<Void> delete(String id) {
        // After a sign-in the handler deletes the old id before it puts the session under its new
        // id, and the reply may go out in between; the object already carries the new id, so keep
        // it findable under that one.
        Session s = live.remove(id);
        if (s != null && !s.isDestroyed() && !id.equals(s.id())) {
            live.put(s.id(), s);
        }
        return vertx.executeBlocking(() -> {
            remove(id);
            return null;
        });
    }

    @Override
    public Future<Void> put(Session session) {
        if (session.isRegenerated() && session.oldId() != null) {
            live.remove(session.oldId());
        }
        if (session.isDestroyed()) {
            live.remove(session.id());
        } else {
            live.put(session.id(), session);
        }
        return vertx.executeBlocking(() -> {
            save(session);
            return null;
        });
    }

    @Override
    public Future<Void> clear() {
        live.clear();
        return vertx.executeBlocking(() -> {
            synchronized (this) {
                Jdbc.update(db, SQL.get("clear"));
            }
            return null;
        });
    }

    @Override
    public Future<Integer> size() {
        return vertx.executeBlocking(() -> {
            synchronized (this) {
                try (PreparedStatement ps = db.prepareStatement(SQL.get("size")); ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // closing on shutdown; nothing left to do with it
        }
    }

    private synchronized Session load(String id) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.get("get"), Secrets.digest(id)); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            Session s = new StoredSession(prng, id, rs.getLong("timeout_ms"), rs.getLong("last_accessed"),
                    rs.getInt("version"), new JsonObject(rs.getString("data")));
            return expired(s) ? null : s;
        }
    }

    private static boolean expired(Session s) {
        return s.lastAccessed() + s.timeout() < System.currentTimeMillis();
    }

    private void purgeExpired() {
        live.values().removeIf(SqliteSessionStore::expired);
        vertx.executeBlocking(() -> {
            synchronized (this) {
                return Jdbc.update(db, SQL.get("purge_expired"), System.currentTimeMillis());
            }
        });
    }

    private synchronized void save(Session s) throws SQLException {
        if (s.isRegenerated() && s.oldId() != null) {
            Jdbc.update(db, SQL.get("delete"), Secrets.digest(s.oldId()));
        }
        if (s.isDestroyed()) {
            Jdbc.update(db, SQL.get("delete"), Secrets.digest(s.id()));
            return;
        }
        Jdbc.update(db, SQL.get("put"), Secrets.digest(s.id()), new JsonObject(s.data()).encode(), s.timeout(),
                s.lastAccessed(), ((AbstractSession) s).version());
    }

    private synchronized void remove(String id) throws SQLException {
        Jdbc.update(db, SQL.get("delete"), Secrets.digest(id));
    }

    /** A session restored from its row, or a new one with a fresh random id. */
    private static final class StoredSession extends AbstractSession {
        StoredSession(VertxContextPRNG prng, long timeout, int length) {
            super(prng, timeout, length);
        }

        StoredSession(VertxContextPRNG prng, String id, long timeout, long lastAccessed, int version, JsonObject data) {
            super(prng);
            setId(id);
            setTimeout(timeout);
            setLastAccessed(lastAccessed);
            setVersion(version);
            setData(data);
        }
    }
}
