package se.vaktpost.hub.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.vaktpost.hub.presence.PresenceSupervisor.PanelKey;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.PanelEvent;

class CoreQueueTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void eventsBeyondAPanelsRateWaitBehindEveryOtherPanelsAndKeepTheirOrder() throws Exception {
        CoreQueue q = new CoreQueue(3, 10, 100);
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

    private static CoreInput.Event event(String site, String panel, long seq) {
        return new CoreInput.Event(new PanelEvent(UUID.randomUUID(), site, panel, EventType.ALARM, T0, seq, false, 0,
                OptionalLong.of(0)), T0, () -> { });
    }
}
