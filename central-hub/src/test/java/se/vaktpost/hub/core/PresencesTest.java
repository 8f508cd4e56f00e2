package se.vaktpost.hub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static se.vaktpost.hub.core.CoreRig.T0;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.vaktpost.hub.metrics.HubMetrics;
import se.vaktpost.hub.presence.PresenceSupervisor;
import se.vaktpost.hub.presence.PresenceSupervisor.PanelKey;
import se.vaktpost.hub.store.HubStore;
import se.vaktpost.protocol.PanelStatus;

/** When the core writes presence: after the statuses pause, or when the oldest write has waited long enough. */
class PresencesTest {
    private static final long MS = 1_000_000L;
    private final long[] now = {5_000 * MS};
    private CoreRig rig;

    private Presences presences(int panels) throws Exception {
        rig = new CoreRig(panels);
        rig.registry.sites().forEach(site -> rig.view.mode(site.id(), se.vaktpost.hub.lockdown.SiteMode.initial()));
        return new Presences(rig.registry, new PresenceSupervisor(Duration.ofSeconds(30), Duration.ofSeconds(15)),
                new HubStore(rig.db.connect()), rig.view, HubMetrics.NOOP, T0, () -> now[0]);
    }

    @AfterEach
    void close() throws Exception {
        rig.close();
    }

    @Test
    void aPanelThatCameOnlineIsWrittenAtOnceSoARestartNeverShowsItOffline() throws Exception {
        Presences p = presences(3);
        assertThat(p.writesDueIn()).as("nothing to write").isEqualTo(-1);
        p.statuses(statuses(true, 1, 3));
        assertThat(p.writesDueIn()).as("online: due at once").isZero();
        p.writeSome();
        assertThat(online()).isEqualTo(3);
        assertThat(p.writesDueIn()).isEqualTo(-1);
    }

    @Test
    void writesOfPanelsGoneOfflineWaitWhileStatusesKeepComingAndAreDueOnceTheyPause() throws Exception {
        Presences p = allOnline(40);
        p.statuses(statuses(false, 1, 10));
        assertThat(p.writesDueIn()).as("due when the statuses have paused 100 ms").isEqualTo(100 * MS);
        for (int i = 11; i <= 40; i += 10) {
            now[0] += 50 * MS;
            p.statuses(statuses(false, i, i + 9));
            assertThat(p.writesDueIn()).as("a storm goes on: the writes wait").isEqualTo(100 * MS);
        }
        assertThat(online()).as("nothing written during the storm").isEqualTo(40);
        assertThat(rig.view.panelsOnline()).as("the live view did not wait").isZero();

        now[0] += 60 * MS;
        assertThat(p.writesDueIn()).isEqualTo(40 * MS);
        now[0] += 40 * MS;
        assertThat(p.writesDueIn()).as("the statuses paused 100 ms").isZero();
        p.writeSome();
        assertThat(online()).isZero();
        assertThat(drops()).isEqualTo(40);
        assertThat(p.writesDueIn()).as("all written").isEqualTo(-1);
        assertThat(p.busy()).isFalse();
    }

    @Test
    void noWriteWaitsLongerThanASecondEvenWhenStatusesNeverPause() throws Exception {
        Presences p = allOnline(30);
        p.statuses(statuses(false, 1, 1));
        for (int i = 2; i <= 20; i++) {
            now[0] += 50 * MS;
            p.statuses(statuses(false, i, i));
            assertThat(p.writesDueIn()).as("%d ms after the first write queued", (i - 1) * 50).isPositive();
        }
        now[0] += 50 * MS;
        p.statuses(statuses(false, 21, 21));
        assertThat(p.writesDueIn()).as("the oldest has waited a second").isZero();
        p.writeSome();
        assertThat(drops()).as("what waited is written, the new ones with it").isEqualTo(21);

        p.statuses(statuses(false, 22, 22));
        assertThat(p.writesDueIn()).as("a new wait begins with the next write").isEqualTo(100 * MS);
    }

    @Test
    void aPanelComingBackMakesWhatWaitsDueAndEverythingIsWrittenInOrder() throws Exception {
        Presences p = allOnline(2);
        p.statuses(statuses(false, 1, 2));
        assertThat(p.writesDueIn()).isPositive();
        now[0] += 20 * MS;
        p.statuses(statuses(true, 1, 1));
        assertThat(p.writesDueIn()).as("a1 came back: due at once").isZero();
        p.writeSome();
        assertThat(online()).as("a1 online, a2 offline: the last word per panel").isEqualTo(1);
        assertThat(rig.text("SELECT group_concat(panel || ':' || kind) FROM "
                + "(SELECT panel, kind FROM supervision ORDER BY id LIMIT -1 OFFSET 2)"))
                .as("the drop of a1 before its return").isEqualTo("a1:STATUS_OFFLINE,a2:STATUS_OFFLINE,a1:STATUS_ONLINE");
        assertThat(p.writesDueIn()).isEqualTo(-1);
    }

    /** Presences with panels a1..aN online and written. */
    private Presences allOnline(int panels) throws Exception {
        Presences p = presences(panels);
        p.statuses(statuses(true, 1, panels));
        while (p.busy()) {
            p.writeSome();
        }
        return p;
    }

    private long online() {
        return rig.count("SELECT count(*) FROM panel_presence WHERE online = 1");
    }

    private long drops() {
        return rig.count("SELECT count(*) FROM supervision WHERE kind = 'STATUS_OFFLINE'");
    }

    /** Panels a{from}..a{to} of site alfa say they are online (or offline, as a Last Will does). */
    private List<CoreInput.Status> statuses(boolean online, int from, int to) {
        List<CoreInput.Status> batch = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            batch.add(new CoreInput.Status(new PanelKey("alfa", "a" + i), new PanelStatus(online, T0, 10), false, T0));
        }
        return batch;
    }
}
