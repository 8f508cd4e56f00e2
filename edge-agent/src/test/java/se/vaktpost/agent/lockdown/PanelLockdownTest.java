package se.vaktpost.agent.lockdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import se.vaktpost.agent.lockdown.PanelLockdown.Indication;
import se.vaktpost.protocol.Mode;
import se.vaktpost.protocol.SiteState;

class PanelLockdownTest {
    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    private final PanelLockdown panel = new PanelLockdown();

    @Test
    void startsNormal() {
        assertThat(panel.current()).isEqualTo(new Indication.Normal());
    }

    @Test
    void hubLockdownLocksAndCarriesTheDrillMark() {
        assertThat(panel.onHubState(new SiteState(Mode.LOCKDOWN, "i1", T0, true)))
                .isEqualTo(new Indication.Locked(true, true));
    }

    @Test
    void peerLockdownLocksWithoutTheHub() {
        panel.onHubState(SiteState.normal(T0.minusSeconds(3600)));
        assertThat(panel.onLocalLockdown(T0)).isEqualTo(new Indication.Locked(false, false));
    }

    @Test
    void staleRetainedNormalDoesNotEndANewerLocalLockdown() {
        panel.onLocalLockdown(T0);
        assertThat(panel.onHubState(SiteState.normal(T0.minusSeconds(1)))).isInstanceOf(Indication.Locked.class);
    }

    @Test
    void onlyTheHubsAllClearAfterTheLockdownEndsIt() {
        panel.onLocalLockdown(T0);
        panel.onHubState(new SiteState(Mode.LOCKDOWN, "i1", T0, false));
        assertThat(panel.onHubState(SiteState.normal(T0.plusSeconds(60)))).isEqualTo(new Indication.Normal());
    }

    @Test
    void replayedOldLockdownAfterAnAllClearIsIgnored() {
        panel.onHubState(SiteState.normal(T0.plusSeconds(60)));
        assertThat(panel.onLocalLockdown(T0)).isEqualTo(new Indication.Normal());
    }

    @Test
    void laterLocalLockdownSurvivesAllClearOfAnEarlierOne() {
        panel.onLocalLockdown(T0);
        panel.onLocalLockdown(T0.plusSeconds(120));
        assertThat(panel.onHubState(SiteState.normal(T0.plusSeconds(60)))).isInstanceOf(Indication.Locked.class);
    }
}
