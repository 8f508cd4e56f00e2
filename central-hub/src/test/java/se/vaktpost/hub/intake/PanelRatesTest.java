package se.vaktpost.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import se.vaktpost.hub.presence.PresenceSupervisor.PanelKey;

class PanelRatesTest {
    private static final PanelKey A1 = new PanelKey("alfa", "a1");
    private static final PanelKey B1 = new PanelKey("beta", "b1");
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aPanelGetsItsBurstThenItsRateAndOthersAreUntouched() {
        PanelRates rates = new PanelRates(10, 50);
        for (int i = 0; i < 50; i++) {
            assertThat(rates.take(A1, 0)).as("burst " + i).isTrue();
        }
        assertThat(rates.take(A1, 0)).as("the 51st at once").isFalse();
        assertThat(rates.take(B1, 0)).as("another panel has its own bucket").isTrue();
        assertThat(rates.take(A1, SECOND / 10)).as("one token back after 100 ms").isTrue();
        assertThat(rates.take(A1, SECOND / 10)).isFalse();
        long later = 3600 * SECOND;
        int taken = 0;
        while (rates.take(A1, later)) {
            taken++;
        }
        assertThat(taken).as("a quiet hour refills only up to the burst").isEqualTo(50);
    }
}
