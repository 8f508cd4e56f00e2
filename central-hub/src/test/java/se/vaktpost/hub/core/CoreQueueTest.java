package se.vaktpost.hub.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.vaktpost.hub.presence.PresenceSupervisor.PanelKey;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.protocol.PanelStatus;

class CoreQueueTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void eventsBeyondAPanelsRateWaitBehindEveryOtherPanelsAndKeepTheirOrder() throws Exception {
        CoreQueue q = new CoreQueue(3, 10, 100, Duration.ZERO, System::nanoTime);
        List<CoreInput.Event> flood = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CoreInput.Event e = event("alfa", "a1", i);
            flood.add(e);
            assertThat(q.offerExcess(e)).isTrue();
        }
        assertThat(q.offerExcess(event("alfa", "a1", 3))).as("the lane is bounded").isFalse();
        assertThat(q.hasExcess(new PanelKey("alfa", "a1"))).isTrue();
        assertThat(q.hasExcess(new PanelKey("beta", "b1"))).isFalse();
        CoreInput.Event lockdown = event("beta", "b1", 0);
        q.putUrgent(lockdown);

        assertThat(q.next(false)).as("another school's event first").containsExactly(lockdown);
        assertThat(q.next(false)).as("then the flood, in its order").containsExactlyElementsOf(flood);
        assertThat(q.hasExcess(new PanelKey("alfa", "a1"))).isFalse();
    }

    @Test
    void theOutboundPublishersStepsGoFirstInTheirOrderAndNeverWaitForRoom() throws Exception {
        CoreQueue q = new CoreQueue(1, 10, 100, Duration.ZERO, System::nanoTime);
        CoreInput.Event lockdown = event("alfa", "a1", 0);
        q.putUrgent(lockdown);
        assertThat(q.offerUrgent(event("beta", "b1", 0))).as("the event lane is full").isFalse();
        List<String> ran = new ArrayList<>();
        q.step(() -> ran.add("state"));
        q.step(() -> ran.add("ack"));

        List<CoreInput> first = q.next(false);
        assertThat(first).as("every waiting step, ahead of the event").hasSize(2).allMatch(CoreInput.Step.class::isInstance);
        first.forEach(step -> ((CoreInput.Step) step).run().run());
        assertThat(ran).containsExactly("state", "ack");
        assertThat(q.next(false)).containsExactly(lockdown);

        q.step(() -> ran.add("answer"));
        assertThat(q.next(true)).as("taken while the core is busy with presence writes too").hasSize(1);
        q.close();
        q.step(() -> ran.add("after the close"));
        assertThat(q.depth()).as("nothing is taken once closed").isZero();
    }

    @Test
    void statusesGatherUntilTheFirstHasWaitedWhileEventsNeverWait() throws Exception {
        long[] now = {1_000};
        CoreQueue q = new CoreQueue(10, 10, 3, Duration.ofMillis(50), () -> now[0]);
        assertThat(q.statusesDueIn(now[0])).as("none waits").isEqualTo(-1);
        q.status(status("alfa", "a1"));
        now[0] += Duration.ofMillis(30).toNanos();
        q.status(status("alfa", "a2"));
        assertThat(q.statusesDueIn(now[0])).as("20 ms left of the first one's gather")
                .isEqualTo(Duration.ofMillis(20).toNanos());
        CoreInput.Event alarm = event("beta", "b1", 0);
        q.putUrgent(alarm);
        assertThat(q.next(false)).as("an event goes at once, gather or not").containsExactly(alarm);

        now[0] += Duration.ofMillis(20).toNanos();
        assertThat(q.statusesDueIn(now[0])).isZero();
        assertThat(q.next(false)).as("both together once the first has waited 50 ms").hasSize(2);

        q.status(status("alfa", "a1"));
        assertThat(q.statusesDueIn(now[0])).as("a new gather begins with the next one")
                .isEqualTo(Duration.ofMillis(50).toNanos());
        q.status(status("alfa", "a2"));
        q.status(status("alfa", "a3"));
        q.status(status("alfa", "a4"));
        assertThat(q.statusesDueIn(now[0])).as("more than a batch waits for its gather all the same")
                .isEqualTo(Duration.ofMillis(50).toNanos());
        now[0] += Duration.ofMillis(50).toNanos();
        assertThat(q.next(false)).as("taken a batch at a time").hasSize(3);
        assertThat(q.next(false)).hasSize(1);
    }

    @Test
    void aStormOfStatusesIsHeldUntilNoneHasComeForAGatherWhileEventsNeverWait() throws Exception {
        long[] now = {0};
        CoreQueue q = new CoreQueue(10, 10, 50, Duration.ofMillis(50), () -> now[0]);
        int panel = 0;
        for (int ms = 0; ms < 300; ms++) { // 10 a millisecond for 300 ms: 3,000 Last Wills
            for (int i = 0; i < 10; i++) {
                q.status(status("alfa", "p" + panel++));
            }
            if (ms == 50) {
                assertThat(q.statusesDueIn(now[0])).as("a storm: held past the first one's gather").isPositive();
                CoreInput.Event alarm = event("beta", "b1", 0);
                q.putUrgent(alarm);
                assertThat(q.next(false)).as("an event goes at once, storm or not").containsExactly(alarm);
            }
            now[0] += Duration.ofMillis(1).toNanos();
        }
        now[0] -= Duration.ofMillis(1).toNanos(); // the newest came at ms 299
        assertThat(q.statusesDueIn(now[0])).isEqualTo(Duration.ofMillis(50).toNanos());
        now[0] += Duration.ofMillis(50).toNanos();
        assertThat(q.statusesDueIn(now[0])).as("due once none has come for 50 ms").isZero();
        int taken = 0;
        while (taken < 3_000) {
            List<CoreInput> batch = q.next(false);
            assertThat(batch).as("still a batch at a time, so an alarm waits for one at most").hasSize(50);
            taken += batch.size();
        }
        assertThat(q.statusesDueIn(now[0])).isEqualTo(-1);
    }

    @Test
    void aStormThatDoesNotCalmIsHeldForAtMostASecondFromItsFirstStatus() {
        long[] now = {0};
        CoreQueue q = new CoreQueue(10, 10, 50, Duration.ofMillis(50), () -> now[0]);
        for (int ms = 0; ms < 1_000; ms++) {
            for (int i = 0; i < 10; i++) {
                q.status(status("alfa", "p" + (ms * 10 + i)));
            }
            assertThat(q.statusesDueIn(now[0])).as("held at %d ms", ms).isPositive();
            now[0] += Duration.ofMillis(1).toNanos();
        }
        q.status(status("alfa", "late"));
        assertThat(q.statusesDueIn(now[0])).as("due after 1 s although statuses still come").isZero();
    }

    @Test
    void aPanelWhoseStatusIsReplacedDoesNotPutItsGatherOff() {
        long[] now = {0};
        CoreQueue q = new CoreQueue(10, 10, 100, Duration.ofMillis(50), () -> now[0]);
        q.status(status("alfa", "a1"));
        now[0] += Duration.ofMillis(40).toNanos();
        q.status(status("alfa", "a1"));
        assertThat(q.statusesDueIn(now[0])).isEqualTo(Duration.ofMillis(10).toNanos());
    }

    private static CoreInput.Status status(String site, String panel) {
        return new CoreInput.Status(new PanelKey(site, panel), new PanelStatus(true, T0, 10), false, T0);
    }

    private static CoreInput.Event event(String site, String panel, long seq) {
        return new CoreInput.Event(new PanelEvent(UUID.randomUUID(), site, panel, EventType.ALARM, T0, seq, false, 0,
                OptionalLong.of(0)), T0, () -> { });
    }
}
