package se.vaktpost.hub.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import se.vaktpost.hub.presence.PresenceSupervisor.Change;
import se.vaktpost.hub.presence.PresenceSupervisor.PanelKey;
import se.vaktpost.hub.presence.PresenceSupervisor.Presence;
import se.vaktpost.hub.presence.PresenceSupervisor.Reason;

class PresenceSupervisorTest {
    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    private static final PanelKey P = new PanelKey("skola-a", "p1");
    private final PresenceSupervisor presence = new PresenceSupervisor(Duration.ofSeconds(30), Duration.ofSeconds(15));

    private java.util.List<Change> live(boolean online, int heartbeat, Instant now) {
        return presence.onStatus(P, online, heartbeat, now, now);
    }

    @Test
    void firstOnlineStatusIsAChangeAndHeartbeatsAreNot() {
        assertThat(live(true, 5, T0)).singleElement().extracting(Change::reason).isEqualTo(Reason.STATUS_ONLINE);
        assertThat(live(true, 5, T0.plusSeconds(5))).isEmpty();
        assertThat(presence.onlineCount()).isEqualTo(1);
    }

    @Test
    void lastWillTakesThePanelOfflineAndKeepsWhenItWasLastHeard() {
        live(true, 5, T0);
        assertThat(live(false, 5, T0.plusSeconds(1))).singleElement()
                .extracting(Change::reason).isEqualTo(Reason.STATUS_OFFLINE);
        assertThat(presence.presence(P).lastSeen()).isEqualTo(T0);
        assertThat(presence.onlineCount()).isZero();
    }

    @Test
    void silencePastTwoHeartbeatsIsATimeoutOnce() {
        live(true, 5, T0);
        assertThat(presence.tick(T0.plusSeconds(11))).isEmpty();
        assertThat(presence.tick(T0.plusMillis(11_001))).singleElement()
                .extracting(Change::reason).isEqualTo(Reason.HEARTBEAT_TIMEOUT);
        assertThat(presence.tick(T0.plusSeconds(60))).isEmpty();
        assertThat(presence.onlineCount()).isZero();
    }

    /** {@code count} other panels change at {@code at} (their Last Wills, say): a storm from the storm threshold on. */
    private void othersDrop(int count, Instant at) {
        for (int i = 0; i < count; i++) {
            presence.onStatus(new PanelKey("skola-b", "p" + i), true, 5, at.minusSeconds(2), at.minusSeconds(2));
        }
        for (int i = 0; i < count; i++) {
            presence.onStatus(new PanelKey("skola-b", "p" + i), false, 5, at, at);
        }
    }

    @Test
    void afterAStormOfChangesSilenceIsNotJudgedUntilTheTimeoutAndTheGraceHavePassed() {
        live(true, 5, T0);
        othersDrop(PresenceSupervisor.STORM_CHANGES_PER_SECOND, T0.plusSeconds(5));
        // the kept panel's heartbeats wait behind the storm in the hub's intake: 11 s of silence is no proof
        assertThat(presence.tick(T0.plusSeconds(12))).isEmpty();
        assertThat(presence.tick(T0.plusSeconds(5 + 11 + 15))).as("until 11 s + 15 s after the storm's last change").isEmpty();
        assertThat(presence.tick(T0.plusMillis(31_001))).singleElement()
                .extracting(Change::reason).isEqualTo(Reason.HEARTBEAT_TIMEOUT);
    }

    @Test
    void changesBelowTheStormThresholdLeaveTheTimeoutAsItIs() {
        live(true, 5, T0);
        othersDrop(PresenceSupervisor.STORM_CHANGES_PER_SECOND - 1, T0.plusSeconds(5));
        assertThat(presence.tick(T0.plusMillis(11_001))).singleElement()
                .extracting(Change::reason).isEqualTo(Reason.HEARTBEAT_TIMEOUT);
    }

    @Test
    void aLastWillDuringAStormStillCountsAtOnce() {
        live(true, 5, T0);
        othersDrop(PresenceSupervisor.STORM_CHANGES_PER_SECOND, T0.plusSeconds(5));
        assertThat(live(false, 5, T0.plusSeconds(6))).singleElement()
                .extracting(Change::reason).isEqualTo(Reason.STATUS_OFFLINE);
    }

    @Test
    void aHugeAnnouncedHeartbeatIsBoundedSoADeadPanelCannotHide() {
        live(true, Integer.MAX_VALUE, T0);
        assertThat(presence.presence(P).heartbeatSeconds()).isEqualTo(PresenceSupervisor.MAX_HEARTBEAT_SECONDS);
        assertThat(presence.tick(T0.plusSeconds(2L * PresenceSupervisor.MAX_HEARTBEAT_SECONDS + 2))).hasSize(1);
    }

    @Test
    void anEventKeepsAPanelAliveAndTellsItsClockOffset() {
        live(true, 5, T0);
        presence.onActivity(P, T0.plusSeconds(10).minus(Duration.ofHours(2)), T0.plusSeconds(10), T0.plusSeconds(10));
        assertThat(presence.tick(T0.plusSeconds(20))).isEmpty();
        assertThat(presence.presence(P).clockOffsetMillis()).isEqualTo(-Duration.ofHours(2).toMillis());
    }

    @Test
    void aStatusTellsHowFarThePanelsClockIsOffWithoutActingOnIt() {
        presence.onStatus(P, true, 5, T0.plus(Duration.ofHours(2)), T0);
        assertThat(presence.presence(P).clockOffsetMillis()).isEqualTo(Duration.ofHours(2).toMillis());
        assertThat(presence.tick(T0.plusSeconds(10))).as("timeouts count in hub time").isEmpty();
        assertThat(presence.tick(T0.plusSeconds(12))).hasSize(1);
    }

    @Test
    void afterARestartAnOnlinePanelGetsItsOwnTimeoutPlusTheGraceFromTheRestart() {
        Instant restart = T0.plus(Duration.ofMinutes(10));
        presence.restore(P, new Presence(true, T0, 5, 0L), restart);
        assertThat(presence.onlineCount()).isEqualTo(1);
        assertThat(presence.tick(restart.plusSeconds(11 + 15))).as("no false outage within timeout and grace").isEmpty();
        assertThat(presence.tick(restart.plusSeconds(11 + 16))).hasSize(1);
    }

    @Test
    void aPanelThatKeepsSendingHeartbeatsAfterARestartIsNeverMarkedOffline() {
        Instant restart = T0.plus(Duration.ofMinutes(10));
        presence.restore(P, new Presence(true, T0, 5, 0L), restart);
        for (int s = 5; s <= 120; s += 5) {
            live(true, 5, restart.plusSeconds(s));
            assertThat(presence.tick(restart.plusSeconds(s).plusMillis(500))).isEmpty();
        }
    }

    @Test
    void aRetainedOnlineStatusIsNotProofOfLifeButARetainedOfflineOneIsNews() {
        Instant restart = T0.plus(Duration.ofMinutes(10));
        presence.restore(P, new Presence(true, T0, 5, null), restart);
        assertThat(presence.onRetainedStatus(P, true, restart)).isEmpty();
        assertThat(presence.presence(P).lastSeen()).as("not refreshed by a replay").isEqualTo(T0);
        assertThat(presence.onRetainedStatus(P, false, restart)).singleElement()
                .extracting(Change::reason).isEqualTo(Reason.STATUS_OFFLINE);
        assertThat(presence.onRetainedStatus(new PanelKey("skola-a", "never-seen"), true, restart)).isEmpty();
        assertThat(presence.onlineCount()).isZero();
    }

    @Test
    void refreshedPanelsAreHandedOutOnceForABatchedWrite() {
        live(true, 5, T0);
        live(true, 5, T0.plusSeconds(5));
        assertThat(presence.drainRefreshed(10)).containsExactly(P);
        assertThat(presence.drainRefreshed(10)).isEmpty();
    }

    @Test
    void refreshedPanelsAreHandedOutASliceAtATimeLongestWaitingFirst() {
        PanelKey q = new PanelKey("skola-a", "p2");
        live(true, 5, T0);
        presence.onStatus(q, true, 5, T0, T0);
        live(true, 5, T0.plusSeconds(5));
        assertThat(presence.drainRefreshed(1)).containsExactly(P);
        assertThat(presence.drainRefreshed(1)).containsExactly(q);
    }

    @Test
    void aClockInTheYearNineMillionIsSaturatedNotAnError() {
        presence.onStatus(P, true, 5, Instant.parse("+9999999-01-01T00:00:00Z"), T0);
        assertThat(ClockOffset.skewed(presence.presence(P).clockOffsetMillis())).isTrue();
        Instant far = Instant.MAX;
        assertThat(ClockOffset.millis(far, T0)).isEqualTo(Long.MAX_VALUE);
        assertThat(ClockOffset.millis(Instant.MIN, T0)).isEqualTo(Long.MIN_VALUE);
        assertThat(ClockOffset.skewed(Long.MIN_VALUE)).isTrue();
        assertThat(ClockOffset.skewed(null)).isFalse();
    }

    @Test
    void numberedSitesAndPanelsSpreadOverDistinctHashes() {
        java.util.Set<Integer> hashes = new java.util.HashSet<>();
        for (int site = 1; site <= 200; site++) {
            for (int panel = 1; panel <= 50; panel++) {
                hashes.add(new PanelKey(String.format("s%03d", site), String.format("p%02d", panel)).hashCode());
            }
        }
        assertThat(hashes).as("a record's own hash gives 2,840 for these 10,000").hasSizeGreaterThan(9_990);
        assertThat(new PanelKey("a", "b")).isEqualTo(new PanelKey("a", "b")).isNotEqualTo(new PanelKey("b", "a"))
                .hasSameHashCodeAs(new PanelKey("a", "b"));
    }

    /**
     * The availability report derives a panel's state at a period's start from its first change
     * after it (sql/report.sql): that holds only if a panel's changes alternate after its first,
     * whatever comes in whatever order, across restarts of the hub too.
     */
    @Test
    void aPanelsChangesAlternateWhateverComesAndAcrossRestarts() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        PresenceSupervisor s = new PresenceSupervisor(Duration.ofSeconds(30), Duration.ofSeconds(15));
        java.util.List<Change> changes = new java.util.ArrayList<>();
        Instant now = T0;
        for (int step = 0; step < 20_000; step++) {
            now = now.plusMillis(random.nextLong(20_000));
            switch (random.nextInt(5)) {
                case 0 -> changes.addAll(s.onStatus(P, true, 1 + random.nextInt(10), now, now));
                case 1 -> changes.addAll(s.onStatus(P, false, 5, now, now));
                case 2 -> changes.addAll(s.onRetainedStatus(P, random.nextBoolean(), now));
                case 3 -> changes.addAll(s.tick(now));
                default -> {
                    Presence kept = s.presence(P);
                    if (kept != null) { // the hub restarts from what it wrote
                        s = new PresenceSupervisor(Duration.ofSeconds(30), Duration.ofSeconds(15));
                        s.restore(P, kept, now);
                    }
                }
            }
        }
        assertThat(changes).hasSizeGreaterThan(1_000);
        for (int i = 1; i < changes.size(); i++) {
            assertThat(changes.get(i).online()).as("change %d of %d", i, changes.size()).isNotEqualTo(changes.get(i - 1).online());
        }
    }
}
