package se.vaktpost.hub.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import se.vaktpost.hub.presence.PresenceSupervisor.PanelKey;
import se.vaktpost.hub.presence.PresenceSupervisor.Reason;

class PresenceSupervisorTest {
    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    private static final PanelKey P = new PanelKey("skola-a", "p1");
    private final PresenceSupervisor presence = new PresenceSupervisor(Duration.ofSeconds(30));

    @Test
    void firstOnlineStatusIsAChangeAndHeartbeatsAreNot() {
        assertThat(presence.onStatus(P, true, 5, T0)).singleElement()
                .extracting(PresenceSupervisor.Change::reason).isEqualTo(Reason.STATUS_ONLINE);
        assertThat(presence.onStatus(P, true, 5, T0.plusSeconds(5))).isEmpty();
        assertThat(presence.onlineCount()).isEqualTo(1);
    }

    @Test
    void lastWillTakesThePanelOffline() {
        presence.onStatus(P, true, 5, T0);
        assertThat(presence.onStatus(P, false, 5, T0.plusSeconds(1))).singleElement()
                .extracting(PresenceSupervisor.Change::reason).isEqualTo(Reason.STATUS_OFFLINE);
        assertThat(presence.snapshot().get(P).lastSeen()).isEqualTo(T0);
    }

    @Test
    void silencePastTwoHeartbeatsIsATimeoutOnce() {
        presence.onStatus(P, true, 5, T0);
        assertThat(presence.tick(T0.plusSeconds(11))).isEmpty();
        assertThat(presence.tick(T0.plusMillis(11_001))).singleElement()
                .extracting(PresenceSupervisor.Change::reason).isEqualTo(Reason.HEARTBEAT_TIMEOUT);
        assertThat(presence.tick(T0.plusSeconds(60))).isEmpty();
        assertThat(presence.onlineCount()).isZero();
    }

    @Test
    void activityKeepsAPanelAlive() {
        presence.onStatus(P, true, 5, T0);
        presence.onActivity(P, T0.plusSeconds(10));
        assertThat(presence.tick(T0.plusSeconds(20))).isEmpty();
    }

    @Test
    void restoredOnlinePanelThatStaysSilentTimesOutWithTheDefault() {
        presence.restore(P, new PresenceSupervisor.Presence(true, T0));
        assertThat(presence.tick(T0.plusSeconds(29))).isEmpty();
        assertThat(presence.tick(T0.plusSeconds(31))).hasSize(1);
    }
}
