package se.vaktpost.hub.secondfactor;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One-time codes for when the phone is lost: ten of them, each ten characters of an alphabet
 * without look-alikes (no 0/o, 1/l/i), shown as {@code xxxxx-xxxxx}. Pure.
 */
public final class RecoveryCodes {
    static final int COUNT = 10;
    private static final String ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {
    }

    public static List<String> generate() {
        List<String> out = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            StringBuilder b = new StringBuilder(11);
            for (int j = 0; j < 10; j++) {
                if (j == 5) {
                    b.append('-');
                }
                b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            out.add(b.toString());
        }
        return out;
    }

    /** A typed code as it is stored: without dashes or spaces, lower case. */
    public static String normalise(String typed) {
        return typed == null ? "" : typed.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }

    /** Whether what was typed has the shape of a recovery code (as opposed to a six-digit TOTP code). */
    public static boolean looksLikeOne(String typed) {
        return normalise(typed).length() == 10;
    }
}
