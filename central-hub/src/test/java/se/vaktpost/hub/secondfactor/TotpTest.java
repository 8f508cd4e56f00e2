package se.vaktpost.hub.secondfactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

class TotpTest {
    /** RFC 6238 appendix B's SHA-1 secret, "12345678901234567890", as an app would hold it. */
    private static final String RFC_SECRET = new Base32().encodeAsString(
            "12345678901234567890".getBytes(StandardCharsets.US_ASCII)).replace("=", "");
    private static final Instant T = Instant.ofEpochSecond(1_111_111_109L);

    private static Totp at(Instant now) {
        return new Totp(Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void codesAreTheLastSixDigitsOfRfc6238sTestVectors() {
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(59))).isEqualTo("287082");        // 94287082
        assertThat(Totp.code(RFC_SECRET, T)).isEqualTo("081804");                                 // 07081804
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(1_234_567_890L))).isEqualTo("005924"); // 89005924
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(2_000_000_000L))).isEqualTo("279037");  // 69279037
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(20_000_000_000L))).isEqualTo("353130"); // 65353130
    }

    @Test
    void aCodeOfTheStepBeforeOrAfterNowIsTakenButNotOneFurtherOff() {
        long now = Totp.step(T);
        Totp totp = at(T);
        for (int offset = -1; offset <= 1; offset++) {
            String code = Totp.code(RFC_SECRET, Instant.ofEpochSecond((now + offset) * 30));
            assertThat(totp.match(RFC_SECRET, code, -1)).as("offset %d", offset).hasValue(now + offset);
        }
        for (int offset : new int[] {-3, -2, 2, 3}) {
            String code = Totp.code(RFC_SECRET, Instant.ofEpochSecond((now + offset) * 30));
            assertThat(totp.match(RFC_SECRET, code, -1)).as("offset %d", offset).isEmpty();
        }
    }

    @Test
    void aCodeIsNeverTakenTwiceNorOneOlderThanTheLastTaken() {
        long now = Totp.step(T);
        Totp totp = at(T);
        String current = Totp.code(RFC_SECRET, T);
        String previous = Totp.code(RFC_SECRET, T.minusSeconds(30));
        assertThat(totp.match(RFC_SECRET, current, now)).as("the same step again").isEmpty();
        assertThat(totp.match(RFC_SECRET, previous, now)).as("an older step").isEmpty();
        String next = Totp.code(RFC_SECRET, T.plusSeconds(30));
        assertThat(totp.match(RFC_SECRET, next, now)).hasValue(now + 1);
    }

    @Test
    void whatIsNotSixDigitsIsRefusedAndSpacesAreForgiven() {
        Totp totp = at(T);
        assertThat(totp.match(RFC_SECRET, null, -1)).isEmpty();
        assertThat(totp.match(RFC_SECRET, "", -1)).isEmpty();
        assertThat(totp.match(RFC_SECRET, "08180", -1)).isEmpty();
        assertThat(totp.match(RFC_SECRET, "0818044", -1)).isEmpty();
        assertThat(totp.match(RFC_SECRET, "abcdef", -1)).isEmpty();
        assertThat(totp.match(RFC_SECRET, "081 804", -1)).hasValue(Totp.step(T));
    }

    @Test
    void newSecretsCarry160BitsAndDiffer() {
        String a = Totp.newSecret();
        assertThat(new Base32().decode(a)).hasSize(20);
        assertThat(a).matches("[A-Z2-7]{32}").isNotEqualTo(Totp.newSecret());
    }

    @Test
    void theKeyUriIsWhatAuthenticatorAppsRead() {
        assertThat(Totp.keyUri("Vaktpost", "anna.s@kommun", "ABC"))
                .isEqualTo("otpauth://totp/Vaktpost:anna.s%40kommun?secret=ABC&issuer=Vaktpost"
                        + "&algorithm=SHA1&digits=6&period=30");
    }
}
