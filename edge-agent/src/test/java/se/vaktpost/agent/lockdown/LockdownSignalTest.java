package se.vaktpost.agent.lockdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import se.vaktpost.agent.lockdown.PanelLockdown.Indication;

class LockdownSignalTest {
    private static final Indication REAL = new Indication.Locked(false, true);
    private static final Indication DRILL = new Indication.Locked(true, true);

    @Test
    void normalLeavesEverythingOff() {
        assertThat(LockdownSignal.at(new Indication.Normal(), 3)).isEqualTo(new LockdownSignal(false, false, false));
    }

    @Test
    void realLockdownIsSteadyOnEveryTick() {
        assertThat(LongStream.range(0, 16).mapToObj(t -> LockdownSignal.at(REAL, t)))
                .containsOnly(new LockdownSignal(true, true, true));
    }

    @Test
    void localLockdownWithoutHubIsTreatedAsReal() {
        assertThat(LockdownSignal.at(new Indication.Locked(false, false), 5)).isEqualTo(new LockdownSignal(true, true, true));
    }

    @Test
    void drillLocksDoorsButBlinksOncePerSecondAndBeepsEveryTwoSeconds() {
        var ticks = LongStream.range(0, 16).mapToObj(t -> LockdownSignal.at(DRILL, t)).toList();
        assertThat(ticks).allMatch(LockdownSignal::doorsLocked);
        // 4 ticks = 1 s: light on for two ticks, off for two.
        assertThat(ticks.stream().map(LockdownSignal::light).toList()).containsExactly(
                true, true, false, false, true, true, false, false, true, true, false, false, true, true, false, false);
        assertThat(ticks.stream().filter(LockdownSignal::buzzer).count()).isEqualTo(2);
        assertThat(ticks.get(0).buzzer()).isTrue();
        assertThat(ticks.get(8).buzzer()).isTrue();
    }

    @Test
    void drillStartsWithTheLightOnSoTheChangeIsSeenAtOnce() {
        assertThat(LockdownSignal.at(DRILL, 0).light()).isTrue();
    }
}
