package se.vaktpost.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast path must accept exactly what Instant.parse accepts and give the same instant. The JDK
 * is the oracle: it also takes a lower-case 't' and 'z' and a point without fraction digits, which
 * the fast path leaves to it.
 */
class IsoInstantTest {
    private static final String ALPHABET = "0123456789-:.TZtz+ ٣";

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-12-02T17:04:04Z", "2026-12-02T17:04:04.1Z", "2026-12-02T17:04:04.142Z", "2026-12-02T17:04:04.123456Z",
        "2026-12-02T17:04:04.123456789Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z",
        "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2024-02-29T12:00:00Z", "2000-02-29T00:00:00.5Z",
        "2026-12-02T17:04:04.000000000Z", "2026-06-30T23:59:60Z", "2026-12-02T17:04:04+01:00", "+10000-01-01T00:00:00Z",
        "2026-12-02T24:00:00Z", "2026-12-02T17:04:04.Z", "2026-12-02t17:04:04Z", "2026-12-02T17:04:04z"})
    void agreesWithInstantParseOnTheFormsThatMatter(String text) {
        assertSameAsJdk(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "2026-12-02", "2026-12-02T17:04:04", "2026-12-02T17:04:04.1234567890Z",
        "2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-04-31T00:00:00Z",
        "2026-12-02T17:60:00Z", "2026-12-02T17:04:61Z",
        "2026-12-0٣T17:04:04Z", "-026-12-02T17:04:04Z", "2026-12-02T17:04:04.-1Z", "2026-12-02 17:04:04Z"})
    void refusesWhatInstantParseRefuses(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoInstant.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void agreesWithInstantParseOnRandomInstantsAndMutationsOfThem() {
        Random random = new Random(20261202);
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(-62_167_219_200L, 253_402_300_800L); // years 0000 to 9999
            String text = Instant.ofEpochSecond(second, random.nextInt(1_000_000_000)).toString();
            int digits = random.nextInt(10);
            int dot = text.indexOf('.');
            if (dot > 0) { // any number of fraction digits, not only the 3, 6 or 9 toString writes
                String fraction = (text.substring(dot + 1, text.length() - 1) + "000000000").substring(0, 9);
                text = text.substring(0, dot) + (digits == 0 ? "" : "." + fraction.substring(0, digits)) + "Z";
            }
            assertSameAsJdk(text);
            char[] mutated = text.toCharArray();
            mutated[random.nextInt(mutated.length)] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            assertSameAsJdk(new String(mutated));
        }
    }

    private static void assertSameAsJdk(String text) {
        Instant expected;
        try {
            expected = Instant.parse(text);
        } catch (DateTimeParseException e) {
            assertThatThrownBy(() -> IsoInstant.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
            return;
        }
        assertThat(IsoInstant.parse(text)).as(text).isEqualTo(expected);
    }
}
