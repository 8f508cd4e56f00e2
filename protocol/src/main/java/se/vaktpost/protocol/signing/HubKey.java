package se.vaktpost.protocol.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import se.vaktpost.protocol.transport.OwnerOnly;

/**
 * The hub's Ed25519 signing key (in every Java 17 runtime). The private half stays with the hub
 * ({@value #PRIVATE_FILE}, owner-only); the public half ({@value #PUBLIC_FILE}) is pinned by every
 * panel when it is provisioned. Both as PEM.
 */
public final class HubKey {
    public static final String PRIVATE_FILE = "hub-signing.key";
    public static final String PUBLIC_FILE = "hub-signing.pub";
    private static final String ALGORITHM = "Ed25519";

    private HubKey() {
    }

    /** The key pair kept in {@code dir}, created there the first time. */
    public static KeyPair openOrCreate(Path dir) {
        Path priv = dir.resolve(PRIVATE_FILE);
        Path pub = dir.resolve(PUBLIC_FILE);
        try {
            if (Files.exists(priv) && Files.exists(pub)) {
                return new KeyPair(readPublic(pub), readPrivate(priv));
            }
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            Files.createDirectories(dir);
            OwnerOnly.create(priv);
            Files.writeString(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(pub, publicPem(pair.getPublic()), StandardCharsets.US_ASCII);
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the hub's signing key in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    public static String publicPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public static PublicKey readPublic(Path file) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(unpem(file)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not the hub's Ed25519 public key: " + e.getMessage(), e);
        }
    }

    private static PrivateKey readPrivate(Path file) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(unpem(file)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(Path file) {
        try {
            String body = Files.readString(file, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return Base64.getDecoder().decode(body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not PEM", e);
        }
    }
}
