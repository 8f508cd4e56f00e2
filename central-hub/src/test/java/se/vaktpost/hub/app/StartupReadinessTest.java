package se.vaktpost.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StartupReadinessTest {
    private final AtomicInteger said = new AtomicInteger();
    private final StartupReadiness readiness = new StartupReadiness(Set.of("web", "alarm", "presence"), said::incrementAndGet);

    @Test
    void saysReadyOnlyWhenEveryPartIsUp() {
        readiness.up("alarm");
        readiness.up("web");
        assertThat(said).hasValue(0);
        assertThat(readiness.waitingFor()).containsExactly("presence");

        readiness.up("presence");

        assertThat(said).hasValue(1);
        assertThat(readiness.waitingFor()).isEmpty();
    }

    @Test
    void aLinkThatConnectsAgainDoesNotSayItTwice() {
        readiness.up("web");
        readiness.up("alarm");
        readiness.up("presence");
        readiness.up("alarm");
        readiness.up("presence");

        assertThat(said).hasValue(1);
    }
}
