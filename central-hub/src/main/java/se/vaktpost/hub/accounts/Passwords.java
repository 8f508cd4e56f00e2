package se.vaktpost.hub.accounts;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** Argon2id password hashes (password4j), with parameters from OWASP's recommendation. */
public final class Passwords {
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    public static final int MIN_LENGTH = 10;

    private Passwords() {
    }

    public static String hash(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a password needs at least " + MIN_LENGTH + " characters");
        }
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    public static boolean matches(String password, String hash) {
        return password != null && hash != null && Password.check(password, hash).with(ARGON2);
    }
}
