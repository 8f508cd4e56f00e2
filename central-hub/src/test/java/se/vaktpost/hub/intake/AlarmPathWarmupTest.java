package se.vaktpost.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import se.vaktpost.protocol.signing.HubSignature;

class AlarmPathWarmupTest {
    private static HubSignature.Signer signer() throws Exception {
        return HubSignature.signer(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
    }

    @Test
    void everyLockdownAndAllClearGoesThroughTheWholePath() throws Exception {
        AlarmPathWarmup.Result r = AlarmPathWarmup.run(signer(), Clock.systemUTC(), 20, Duration.ofMinutes(1));

        // a lockdown and an all-clear per pair, each a new state and an ack: had the scratch core
        // rejected them (validation, order, the state machine), states would be missing
        assertThat(r.pairs()).isEqualTo(20);
        assertThat(r.states()).isEqualTo(40);
        assertThat(r.acks()).isEqualTo(40);
    }

    @Test
    void stopsOnceItsTimeIsUp() throws Exception {
        AlarmPathWarmup.Result r = AlarmPathWarmup.run(signer(), Clock.systemUTC(), Integer.MAX_VALUE, Duration.ofMillis(300));

        assertThat(r.pairs()).isPositive().isLessThan(Integer.MAX_VALUE);
        assertThat(r.took()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(r.states()).isEqualTo(2 * r.pairs());
    }
}
