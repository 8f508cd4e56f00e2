package se.vaktpost.hub.secondfactor;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * Time-based one-time codes (RFC 6238) as every authenticator app makes them: HMAC-SHA1, six
 * digits, 30-second steps. Pure apart from the injected clock, which is the hub's (a server kept
 * right by NTP), never a device's.
 */
public final class Totp {
    static final Duration STEP = Duration.ofSeconds(30);
    /** A code one step either side is taken: a phone's clock a little off, or a code typed as it turned. */
    static final int WINDOW = 1;
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Clock clock;

    public Totp(Clock clock) {
        this.clock = clock;
    }

    /** A new secret of 160 random bits (RFC 4226's recommendation), Base32 without padding. */
    public static String newSecret() {
        byte[] b = new byte[20];
        RANDOM.nextBytes(b);
        return new Base32().encodeAsString(b).replace("=", "");
    }

    /** The time step {@code at} falls in. */
    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP.getSeconds());
    }

    /**
     * The step whose code {@code typed} is, when it is a code of a step near now and newer than
     * {@code lastAccepted}: a code already used, or one older than it, is refused.
     */
    public OptionalLong match(String secret, String typed, long lastAccepted) {
        String code = typed == null ? "" : typed.replace(" ", "");
        if (!SIX_DIGITS.matcher(code).matches()) {
            return OptionalLong.empty();
        }
        long now = step(clock.instant());
        for (long s = now - WINDOW; s <= now + WINDOW; s++) {
            // each code is compared in constant time, so a guess learns nothing from how long the compare took
            if (s > lastAccepted && MessageDigest.isEqual(codeOf(secret, s).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(s);
            }
        }
        return OptionalLong.empty();
    }

    /** The code of a secret at an instant, as the person's authenticator app shows it. */
    public static String code(String secret, Instant at) {
        return codeOf(secret, step(at));
    }

    private static String codeOf(String secret, long step) {
        try {
            SecretKeySpec key = new SecretKeySpec(new Base32().decode(secret), "HmacSHA1");
            return new TimeBasedOneTimePasswordGenerator(STEP, 6)
                    .generateOneTimePasswordString(key, Instant.ofEpochSecond(step * STEP.getSeconds()));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("a stored TOTP secret is not a valid key", e);
        }
    }

    /** What the authenticator app reads from the QR code (Google's key URI format, which all apps take). */
    public static String keyUri(String issuer, String account, String secret) {
        String label = enc(issuer) + ":" + enc(account);
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + enc(issuer)
                + "&algorithm=SHA1&digits=6&period=" + STEP.getSeconds();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
