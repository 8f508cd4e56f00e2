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
    void writesWaitWhileStatusesKeepComingAndAreDueOnceTheyPause() throws Exception {
        Presences p = presences(40);
        assertThat(p.writesDueIn()).as("nothing to write").isEqualTo(-1);

        p.statuses(online(1, 10));
        assertThat(p.writesDueIn()).as("due when the statuses have paused 100 ms").isEqualTo(100 * MS);
        for (int i = 11; i <= 40; i += 10) {
            now[0] += 50 * MS;
            p.statuses(online(i, i + 9));
            assertThat(p.writesDueIn()).as("a storm goes on: the writes wait").isEqualTo(100 * MS);
        }
        assertThat(rows()).as("nothing written during the storm").isZero();
        assertThat(rig.view.panelsOnline()).as("the live view did not wait").isEqualTo(40);

        now[0] += 60 * MS;
        assertThat(p.writesDueIn()).isEqualTo(40 * MS);
        now[0] += 40 * MS;
        assertThat(p.writesDueIn()).as("the statuses paused 100 ms").isZero();
        p.writeSome();
        assertThat(rows()).isEqualTo(40);
        assertThat(p.writesDueIn()).as("all written").isEqualTo(-1);
        assertThat(p.busy()).isFalse();
    }

    @Test
    void noWriteWaitsLongerThanASecondEvenWhenStatusesNeverPause() throws Exception {
        Presences p = presences(30);
        p.statuses(online(1, 1));
        for (int i = 2; i <= 20; i++) {
            now[0] += 50 * MS;
            p.statuses(online(i, i));
            assertThat(p.writesDueIn()).as("%d ms after the first write queued", (i - 1) * 50).isPositive();
        }
        now[0] += 50 * MS;
        p.statuses(online(21, 21));
        assertThat(p.writesDueIn()).as("the oldest has waited a second").isZero();
        p.writeSome();
        assertThat(rows()).as("what waited is written, the new ones with it").isEqualTo(21);

        p.statuses(online(22, 22));
        assertThat(p.writesDueIn()).as("a new wait begins with the next write").isEqualTo(100 * MS);
    }

    private long rows() {
        return rig.count("SELECT count(*) FROM panel_presence");
    }

    /** Panels a{from}..a{to} of site alfa say they are online. */
    private List<CoreInput.Status> online(int from, int to) {
        List<CoreInput.Status> batch = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            batch.add(new CoreInput.Status(new PanelKey("alfa", "a" + i), new PanelStatus(true, T0, 10), false, T0));
        }
        return batch;
    }
}
