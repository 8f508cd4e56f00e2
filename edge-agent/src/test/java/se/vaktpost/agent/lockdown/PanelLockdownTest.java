package se.vaktpost.agent.lockdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.vaktpost.agent.lockdown.PanelLockdown.Indication;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.Mode;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.protocol.SiteState;

class PanelLockdownTest {
    /** Wall clocks of hub and peers are deliberately absurd: nothing here may read them. */
    private static final Instant ANY = Instant.parse("1970-01-01T00:00:05Z");
    private static final long SECOND = 1_000_000_000L;
    private final PanelLockdown panel = new PanelLockdown();
    private static final Indication LOCKED_LOCALLY = new Indication.Locked(false, false);
    private static final Indication NORMAL = new Indication.Normal();

    private static SiteState normal(long version) {
        return SiteState.normal(ANY, version);
    }

    private static SiteState lockdown(long version, boolean drill) {
        return new SiteState(Mode.LOCKDOWN, "i" + version, ANY, drill, version);
    }

    private static PanelEvent peer(EventType type, long seen, OptionalLong age) {
        return new PanelEvent(UUID.randomUUID(), "skola-a", "p2", type, Instant.parse("+9999999-01-01T00:00:00Z"), 1,
                false, seen, age);
    }

    @Test
    void startsNormalHavingSeenNothing() {
        assertThat(panel.current()).isEqualTo(NORMAL);
        assertThat(panel.seenVersion()).isZero();
    }

    @Test
    void hubLockdownLocksAndCarriesTheDrillMark() {
        assertThat(panel.onHubState(lockdown(5, true), 0)).isEqualTo(new Indication.Locked(true, true));
        assertThat(panel.seenVersion()).isEqualTo(5);
    }

    @Test
    void anOwnPressLocksAtOnceWhateverThePanelSawAndStaysUntilAcked() {
        panel.onHubState(normal(9), 0);
        UUID press = UUID.randomUUID();
        assertThat(panel.onOwnLockdown(press)).isEqualTo(LOCKED_LOCALLY);
        assertThat(panel.onHubState(normal(9), SECOND)).as("the NORMAL it already held does not end it").isEqualTo(LOCKED_LOCALLY);
        assertThat(panel.onHubState(normal(10), 2 * SECOND)).as("not even a newer one, before the ack").isEqualTo(LOCKED_LOCALLY);
        panel.onHubState(lockdown(11, false), 3 * SECOND);
        assertThat(panel.onAck(press, 11)).isEqualTo(new Indication.Locked(false, true));
        assertThat(panel.onHubState(normal(12), 4 * SECOND)).isEqualTo(NORMAL);
    }

    @Test
    void anOwnPressTheHubFoundLateEndsWithTheAllClearAlreadyHeld() {
        panel.onHubState(normal(20), 0);
        UUID press = UUID.randomUUID();
        panel.onOwnLockdown(press);
        assertThat(panel.onAck(press, 20)).isEqualTo(NORMAL);
    }

    @Test
    void aStaleRetainedStateIsIgnored() {
        panel.onHubState(lockdown(30, false), 0);
        assertThat(panel.onHubState(normal(29), SECOND)).isEqualTo(new Indication.Locked(false, true));
        assertThat(panel.seenVersion()).isEqualTo(30);
    }

    @Test
    void aPeerLockdownLocksWithoutTheHubAndTheNextAllClearEndsIt() {
        panel.onHubState(normal(40), 0);
        assertThat(panel.onPeerEvent(peer(EventType.LOCKDOWN, 40, OptionalLong.of(10)), 100 * SECOND)).isEqualTo(LOCKED_LOCALLY);
        assertThat(panel.onHubState(normal(40), 101 * SECOND)).isEqualTo(LOCKED_LOCALLY);
        panel.onHubState(lockdown(41, false), 102 * SECOND);
        assertThat(panel.onHubState(normal(42), 103 * SECOND)).isEqualTo(NORMAL);
    }

    @Test
    void aPeersPressMadeBeforeThisPanelHeardTheAllClearDoesNotLockIt() {
        panel.onHubState(normal(50), 100 * SECOND);
        // The peer had seen version 49 and pressed 30 s ago: before this panel received version 50.
        assertThat(panel.onPeerEvent(peer(EventType.LOCKDOWN, 49, OptionalLong.of(30_000)), 120 * SECOND)).isEqualTo(NORMAL);
    }

    @Test
    void aPeersPressMadeAfterTheAllClearLocksEvenIfThePeerHadNotSeenIt() {
        panel.onHubState(normal(50), 100 * SECOND);
        assertThat(panel.onPeerEvent(peer(EventType.LOCKDOWN, 49, OptionalLong.of(5_000)), 120 * SECOND))
                .isEqualTo(LOCKED_LOCALLY);
    }

    @Test
    void aPeerThatRestartedSinceItsPressCannotTellItsAgeSoThePanelLocks() {
        panel.onHubState(normal(50), 100 * SECOND);
        assertThat(panel.onPeerEvent(peer(EventType.LOCKDOWN, 0, OptionalLong.empty()), 120 * SECOND)).isEqualTo(LOCKED_LOCALLY);
    }

    @Test
    void aRealLockdownDuringADrillShowsAsRealAtOnceHubOrNoHub() {
        panel.onHubState(lockdown(60, true), 0);
        assertThat(panel.onPeerEvent(peer(EventType.LOCKDOWN, 60, OptionalLong.of(5)), SECOND))
                .isEqualTo(new Indication.Locked(false, true));
    }

    @Test
    void aSilentAlarmDuringADrillTurnsItRealButIsSilentOtherwise() {
        panel.onHubState(normal(70), 0);
        assertThat(panel.onPeerEvent(peer(EventType.ALARM, 70, OptionalLong.of(5)), SECOND)).isEqualTo(NORMAL);
        assertThat(panel.onOwnAlarm(UUID.randomUUID())).isEqualTo(NORMAL);
        panel.onHubState(lockdown(71, true), 2 * SECOND);
        assertThat(panel.onOwnAlarm(UUID.randomUUID())).isEqualTo(new Indication.Locked(false, true));
    }

    @Test
    void aDrillPressOfAPeerDoesNotLockOnItsOwn() {
        panel.onHubState(normal(80), 0);
        PanelEvent drill = new PanelEvent(UUID.randomUUID(), "skola-a", "p2", EventType.LOCKDOWN, ANY, 1, true, 80,
                OptionalLong.of(1));
        assertThat(panel.onPeerEvent(drill, SECOND)).isEqualTo(NORMAL);
    }
}
