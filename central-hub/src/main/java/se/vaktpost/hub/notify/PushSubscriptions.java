package se.vaktpost.hub.notify;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import se.vaktpost.storage.Jdbc;
import se.vaktpost.storage.NamedSql;
import se.vaktpost.storage.Params;

/** Devices subscribed to Web Push, on a connection of their own (web requests and the push sender share it). */
public final class PushSubscriptions implements AutoCloseable {
    private static final NamedSql SQL = NamedSql.load("sql/notify.sql");
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Connection db;
    private final Settings.Push settings;

    public PushSubscriptions(Connection db, Settings.Push settings) {
        this.db = db;
        this.settings = settings;
    }

    /** Where and how to reach a device. */
    public record Subscription(String id, String endpoint, String p256dh, String auth) {
    }

    /** What a device's owner sees of it (never its endpoint or keys). */
    public record Device(String id, String label, String createdAt, String expiredAt) {
    }

    /**
     * Adds (or renews) a device for a user or, with {@code staffSite}, for a school's staff.
     * The endpoint must be an https URL of an allowed push service (plain http only on loopback,
     * for tests and labs that allow 127.0.0.1).
     */
    public synchronized String add(String username, String staffSite, String endpoint, String p256dh, String auth,
                                   String label, Instant now) throws SQLException {
        validate(endpoint, p256dh, auth, settings);
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        Jdbc.update(db, SQL.statement("push_add"), Params.of("id", "d-" + Base64.getUrlEncoder().withoutPadding().encodeToString(id))
                .and("username", username).and("staff_site", staffSite).and("endpoint", endpoint).and("p256dh", p256dh)
                .and("auth", auth).and("label", label == null ? null : label.substring(0, Math.min(label.length(), 80)))
                .and("now", now));
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.statement("push_id_by_endpoint"), Params.of("endpoint", endpoint));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void validate(String endpoint, String p256dh, String auth, Settings.Push settings) {
        java.net.URI uri;
        try {
            uri = java.net.URI.create(endpoint == null ? "" : endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the subscription's endpoint is not a URL");
        }
        boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback))
                || endpoint.length() > 2000) {
            throw new IllegalArgumentException("the subscription's endpoint must be an https URL of a push service");
        }
        if (!settings.allows(uri.getHost())) {
            throw new IllegalArgumentException("the subscription's push service (" + uri.getHost() + ") is not one the hub "
                    + "sends to (notifications.push.allowedHosts)");
        }
        if (!decodes(p256dh, 65) || !decodes(auth, 16) || !onTheCurve(p256dh, auth)) {
            throw new IllegalArgumentException("the subscription's keys (p256dh, auth) are missing or malformed");
        }
    }

    /** Whether the device's key is a point on P-256 (as the encryption will need it). */
    private static boolean onTheCurve(String p256dh, String auth) {
        try {
            com.zerodeplibs.webpush.UserAgentMessageEncryptionKeyInfo.of(p256dh, auth);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean decodes(String b64url, int bytes) {
        try {
            return b64url != null && Base64.getUrlDecoder().decode(b64url.replace("=", "")).length == bytes;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public synchronized Optional<Subscription> find(String id) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.statement("push_subscription"), Params.of("id", id));
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new Subscription(rs.getString("id"), rs.getString("endpoint"), rs.getString("p256dh"),
                    rs.getString("auth"))) : Optional.empty();
        }
    }

    public synchronized List<Device> ofUser(String username) throws SQLException {
        return devices(Jdbc.prepare(db, SQL.statement("push_of_user"), Params.of("username", username)));
    }

    /** Whether the endpoint is still one the hub may post to (the allowed hosts can change). */
    public boolean allowed(String endpoint) {
        return settings.allows(java.net.URI.create(endpoint).getHost());
    }

    public synchronized List<Device> ofStaff(String site) throws SQLException {
        return devices(Jdbc.prepare(db, SQL.statement("push_of_staff"), Params.of("site", site)));
    }

    private static List<Device> devices(PreparedStatement ps) throws SQLException {
        List<Device> out = new ArrayList<>();
        try (ps; ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Device(rs.getString("id"), rs.getString("label"), rs.getString("created_at"), rs.getString("expired_at")));
            }
        }
        return out;
    }

    /** False when the user has no such device. */
    public synchronized boolean removeOwn(String id, String username) throws SQLException {
        return Jdbc.update(db, SQL.statement("push_remove_own"), Params.of("id", id).and("username", username)) == 1;
    }

    public synchronized boolean removeStaff(String id, String site) throws SQLException {
        return Jdbc.update(db, SQL.statement("push_remove_staff"), Params.of("id", id).and("site", site)) == 1;
    }

    /**
     * A staff phone leaving by itself: it proves itself by its endpoint, which only it knows, so
     * it can leave also after the school renewed or revoked the invitation.
     */
    public synchronized boolean leaveStaff(String endpoint) throws SQLException {
        return endpoint != null && Jdbc.update(db, SQL.statement("push_remove_staff_endpoint"), Params.of("endpoint", endpoint)) == 1;
    }

    /** Phones a school's staff have subscribed that the hub still sends to. */
    public synchronized int staffCount(String site) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.statement("push_staff_count"), Params.of("site", site));
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** The push service said the subscription is gone: nothing more is sent to it. */
    public synchronized void expire(String id, Instant at) throws SQLException {
        Jdbc.update(db, SQL.statement("push_expire"), Params.of("id", id).and("at", at));
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }
}
