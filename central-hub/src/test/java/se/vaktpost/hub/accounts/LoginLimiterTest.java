package se.vaktpost.hub.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginLimiterTest {
    private Instant now = Instant.parse("2026-11-22T08:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final LoginLimiter limiter = new LoginLimiter(3, Duration.ofMinutes(5), clock);

    @Test
    void aNameIsRefusedAfterTheFailuresAndFreedWhenTheWindowPasses() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.allowed("anna", "10.0.0.1")).isTrue();
            limiter.failed("anna", "10.0.0.1");
        }
        assertThat(limiter.allowed("anna", "10.0.0.2")).as("another address does not help").isFalse();
        now = now.plus(Duration.ofMinutes(5)).plusSeconds(1);
        assertThat(limiter.allowed("anna", "10.0.0.1")).isTrue();
    }

    @Test
    void oneAddressTryingManyNamesIsRefusedToo() {
        for (int i = 0; i < 12; i++) {
            limiter.failed("user" + i, "10.0.0.9");
        }
        assertThat(limiter.allowed("someone-new", "10.0.0.9")).isFalse();
        assertThat(limiter.allowed("someone-new", "10.0.0.8")).isTrue();
    }

    @Test
    void successClearsTheNamesFailures() {
        limiter.failed("bo", "10.0.0.1");
        limiter.failed("bo", "10.0.0.1");
        limiter.succeeded("bo");
        limiter.failed("bo", "10.0.0.1");
        limiter.failed("bo", "10.0.0.1");
        assertThat(limiter.allowed("bo", "10.0.0.1")).isTrue();
    }

    @Test
    void aMillionNamesCannotGrowItsMemoryAndTheAddressStaysLimited() {
        for (int i = 0; i < 3 * LoginLimiter.MAX_KEYS; i++) {
            limiter.failed("stranger-" + i, "10.9.9.9");
        }
        assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(LoginLimiter.MAX_KEYS);
        assertThat(limiter.allowed("anyone-new", "10.9.9.9")).as("the flooding address is still refused").isFalse();
    }
}
