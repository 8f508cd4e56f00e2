package se.vaktpost.hub.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Instant CREATED = Instant.parse("2026-12-02T06:40:00Z");

    @Test
    void waitsLongerAfterEachFailureUpToTenMinutesThenGivesUpADayAfterTheMessageWasMade() {
        Backoff b = Backoff.standard();

        assertThat(b.next(1, CREATED, CREATED)).isEqualTo(CREATED.plusSeconds(5));
        assertThat(b.next(2, CREATED, CREATED)).isEqualTo(CREATED.plusSeconds(15));
        assertThat(b.next(3, CREATED, CREATED)).isEqualTo(CREATED.plusSeconds(45));
        assertThat(b.next(50, CREATED, CREATED)).isEqualTo(CREATED.plus(Duration.ofMinutes(10)));
        assertThat(b.next(50, CREATED, CREATED.plus(Duration.ofHours(24)))).isNull();
    }
}
