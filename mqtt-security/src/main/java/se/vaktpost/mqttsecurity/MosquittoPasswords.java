package se.vaktpost.mqttsecurity;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Passwords in Mosquitto's own password-file format ({@code $7$}: PBKDF2-HMAC-SHA512, as
 * {@code mosquitto_passwd} writes it), so the generated file needs no tool on the broker host.
 */
public final class MosquittoPasswords {
    /**
     * Mosquitto's default. Every password here is 256 random bits, which no number of iterations
     * makes easier or harder to guess; more would only slow 10,000 panels reconnecting at once.
     */
    static final int ITERATIONS = 101;
    private static final int SALT_BYTES = 12;
    private static final int HASH_BYTES = 64;

    private MosquittoPasswords() {
    }

    /** A new random password: 32 bytes from the system's strong random source, URL-safe Base64. */
    public static char[] newPassword(SecureRandom random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).toCharArray();
    }

    /** The hash as it goes after {@code username:} in the password file. */
    public static String hash(char[] password, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return format(ITERATIONS, salt, pbkdf2(password, salt, ITERATIONS));
    }

    /** Whether {@code password} matches a {@code $7$} hash; constant time in the hash comparison. */
    public static boolean matches(char[] password, String hash) {
        String[] parts = hash.split("\\$", -1);
        if (parts.length != 5 || !parts[1].equals("7")) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[3]);
        byte[] expected = Base64.getDecoder().decode(parts[4]);
        return MessageDigest.isEqual(expected, pbkdf2(password, salt, Integer.parseInt(parts[2])));
    }

    static String format(int iterations, byte[] salt, byte[] hash) {
        Base64.Encoder b64 = Base64.getEncoder();
        return "$7$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is part of every Java 17 runtime", e);
        }
    }
}
