package se.vaktpost.hub.notify;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import se.vaktpost.storage.Jdbc;
import se.vaktpost.storage.NamedSql;
import se.vaktpost.storage.Params;

/**
 * The hub's VAPID key pair (P-256), made once and kept in the database: every device's
 * subscription is bound to its public key, so it must survive restarts and is never rotated
 * casually (every device would have to subscribe again).
 */
public final class PushKeys {
    private static final NamedSql SQL = NamedSql.load("sql/notify.sql");
    private final KeyPair pair;

    private PushKeys(KeyPair pair) {
        this.pair = pair;
    }

    /** Reads (or makes) the key pair, then closes {@code db}. */
    public static PushKeys openOrCreate(Connection db) throws SQLException {
        try (db) {
            KeyFactory ec = KeyFactory.getInstance("EC");
            String priv = read(db, "vapid.private");
            if (priv == null) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair made = g.generateKeyPair();
                Jdbc.inTransaction(db, () -> {
                    write(db, "vapid.private", Base64.getEncoder().encodeToString(made.getPrivate().getEncoded()));
                    write(db, "vapid.public", Base64.getEncoder().encodeToString(made.getPublic().getEncoded()));
                    return null;
                });
                priv = read(db, "vapid.private"); // another process may have been first: use what is stored
            }
            return new PushKeys(new KeyPair(
                    ec.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(read(db, "vapid.public")))),
                    ec.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(priv)))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make or read P-256 keys", e);
        }
    }

    public KeyPair pair() {
        return pair;
    }

    /** The public key as browsers' {@code pushManager.subscribe} want it: the uncompressed point, base64url. */
    public String applicationServerKey() {
        return uncompressedPoint((ECPublicKey) pair.getPublic());
    }

    /** A P-256 public key as the 65-byte uncompressed point (0x04, X, Y), base64url without padding. */
    public static String uncompressedPoint(ECPublicKey pub) {
        byte[] out = new byte[65];
        out[0] = 4;
        copy32(pub.getW().getAffineX().toByteArray(), out, 1);
        copy32(pub.getW().getAffineY().toByteArray(), out, 33);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    private static void copy32(byte[] n, byte[] out, int at) {
        int len = Math.min(n.length, 32);
        System.arraycopy(n, n.length - len, out, at + 32 - len, len);
    }

    private static String read(Connection db, String name) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.statement("hub_key"), Params.of("name", name));
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void write(Connection db, String name, String value) throws SQLException {
        Jdbc.update(db, SQL.statement("hub_key_add"), Params.of("name", name).and("value", value));
    }
}
