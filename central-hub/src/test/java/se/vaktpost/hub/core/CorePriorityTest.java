package se.vaktpost.hub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.vaktpost.hub.core.CoreRig.T0;
import static se.vaktpost.hub.core.CoreRig.press;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.vaktpost.hub.presence.PresenceSupervisor.PanelKey;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.protocol.PanelStatus;

/**
 * The core's thread waits, records alarms and takes presence in at the alarm path's priority, and
 * drops to the ordinary one only for a flooding panel's events, going back before it waits again.
 */
class CorePriorityTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Recording priority = new Recording();
    private CoreRig rig;

    /** Records each change of kind, and the kind the core is at now, as an implementation sees them. */
    static final class Recording implements CorePriority {
        final List<String> switches = new CopyOnWriteArrayList<>();
        volatile String now = "ordinary";
        volatile String caller = "";

        @Override
        public void urgent() {
            to("urgent");
        }

        @Override
        public void background() {
            to("background");
        }

        private void to(String kind) {
            caller = Thread.currentThread().getName();
            if (!now.equals(kind)) {
                now = kind;
                switches.add(kind);
            }
        }
    }

    @BeforeEach
    void start() throws Exception {
        rig = new CoreRig(3);
        rig.start(HubCore.prepare(HubCore.Settings.defaults(Duration.ofSeconds(30)), priority));
        await().atMost(WAIT).until(() -> priority.now.equals("urgent"));
    }

    @AfterEach
    void close() throws Exception {
        rig.close();
    }

    @Test
    void theCoreWaitsAndRecordsAnAlarmAndSendsItsStateAtTheAlarmPathsPriority() throws Exception {
        List<String> atPublish = new CopyOnWriteArrayList<>();
        rig.onPublish = () -> atPublish.add(priority.now);
        PanelEvent lockdown = press("alfa", "a1", EventType.LOCKDOWN, 0, OptionalLong.of(40), T0);

        rig.core().event(lockdown, rig.clock.instant(), () -> { });

        await().atMost(WAIT).until(() -> rig.acks().size() == 1);
        assertThat(atPublish).as("the lockdown's state left at the alarm path's priority").containsExactly("urgent");
        assertThat(priority.switches).as("never below it").containsExactly("urgent");
        assertThat(priority.caller).isEqualTo("hub-core");
    }

    @Test
    void presenceIsTakenInAndWrittenAtTheAlarmPathsPrioritySoAnAlarmNeverWaitsBehindItForACore() {
        rig.core().status(new PanelKey("alfa", "a1"), new PanelStatus(true, rig.clock.instant(), 10), false,
                rig.clock.instant());
        rig.core().tick();

        await().atMost(WAIT).until(() -> rig.count("SELECT count(*) FROM panel_presence WHERE online = 1") == 1);
        assertThat(priority.switches).as("no drop for the status, its write or the beat").containsExactly("urgent");
    }

    @Test
    void aFloodingPanelsEventsAreRecordedAtTheOrdinaryPriorityAnotherPanelsAlarmAtTheAlarmPaths() throws Exception {
        List<String> atPublish = new CopyOnWriteArrayList<>();
        rig.onPublish = () -> atPublish.add(priority.now);
        PanelEvent beyondRate = press("alfa", "a1", EventType.TAMPER, 0, OptionalLong.of(1), T0);

        assertThat(rig.core().event(beyondRate, rig.clock.instant(), () -> { }, false)).isTrue();
        await().atMost(WAIT).until(() -> rig.acks().size() == 1 && priority.now.equals("urgent"));
        assertThat(priority.switches).containsExactly("urgent", "background", "urgent");

        PanelEvent lockdown = press("beta", "b1", EventType.LOCKDOWN, 0, OptionalLong.of(40), T0);
        rig.core().event(lockdown, rig.clock.instant(), () -> { });
        await().atMost(WAIT).until(() -> rig.acks().size() == 2);
        assertThat(atPublish).as("the lockdown's state").last().isEqualTo("urgent");
        assertThat(priority.switches).as("no drop for the alarm").hasSize(3);
    }
}
