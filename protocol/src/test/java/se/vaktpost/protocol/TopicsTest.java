package se.vaktpost.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    @Test
    void buildsTheDocumentedTopics() {
        assertThat(Topics.events("skola-a", "p1")).isEqualTo("vaktpost/v1/sites/skola-a/panels/p1/events");
        assertThat(Topics.status("skola-a", "p1")).isEqualTo("vaktpost/v1/sites/skola-a/panels/p1/status");
        assertThat(Topics.ack("skola-a", "p1")).isEqualTo("vaktpost/v1/sites/skola-a/panels/p1/ack");
        assertThat(Topics.state("skola-a")).isEqualTo("vaktpost/v1/sites/skola-a/state");
        assertThat(Topics.siteEventsFilter("skola-a")).isEqualTo("vaktpost/v1/sites/skola-a/panels/+/events");
    }

    @Test
    void parsesEveryKindBack() {
        assertThat(Topics.parse(Topics.events("s", "p"))).contains(new Topics.Address(Topics.Kind.EVENTS, "s", "p"));
        assertThat(Topics.parse(Topics.status("s", "p"))).contains(new Topics.Address(Topics.Kind.STATUS, "s", "p"));
        assertThat(Topics.parse(Topics.ack("s", "p"))).contains(new Topics.Address(Topics.Kind.ACK, "s", "p"));
        assertThat(Topics.parse(Topics.state("s"))).contains(new Topics.Address(Topics.Kind.STATE, "s", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "vaktpost/v2/sites/s/state", "vaktpost/v1/sites/s/panels/p/other",
        "vaktpost/v1/sites/S/panels/p/events", "vaktpost/v1/sites/s/panels/p/events/extra", "vaktpost/v1/sites//state"})
    void unknownTopicsParseToEmpty(String topic) {
        assertThat(Topics.parse(topic)).isEmpty();
    }

    @Test
    void refusesToBuildTopicsFromWildcardsOrSlashes() {
        assertThatThrownBy(() -> Topics.events("+", "p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.state("a/b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void identityMismatchIsReported() {
        PanelEvent e = new PanelEvent(UUID.randomUUID(), "skola-b", "p1", EventType.ALARM, Instant.EPOCH, 1, false);
        assertThat(Identity.mismatch(new Topics.Address(Topics.Kind.EVENTS, "skola-a", "p1"), e)).isPresent();
        assertThat(Identity.mismatch(new Topics.Address(Topics.Kind.EVENTS, "skola-b", "p1"), e)).isEmpty();
    }
}
