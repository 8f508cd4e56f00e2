package se.vaktpost.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodecTest {
    private static final Instant AT = Instant.parse("2026-11-22T08:15:30.123Z");

    @Test
    void panelEventRoundTripsThroughJson() {
        PanelEvent e = new PanelEvent(UUID.randomUUID(), "skola-a", "reception-1", EventType.LOCKDOWN, AT, 7, false);
        assertThat(Codec.decodeEvent(Codec.encode(e))).isEqualTo(Decoded.valid(e));
    }

    @Test
    void stateAckAndStatusRoundTrip() {
        SiteState lockdown = new SiteState(Mode.LOCKDOWN, "inc-1", AT, true, 41);
        assertThat(Codec.decodeState(Codec.encode(lockdown))).isEqualTo(Decoded.valid(lockdown));
        assertThat(Codec.decodeState(Codec.encode(SiteState.normal(AT, 42)))).isEqualTo(Decoded.valid(SiteState.normal(AT, 42)));
        EventAck ack = new EventAck(UUID.randomUUID(), null, 42);
        assertThat(Codec.decodeAck(Codec.encode(ack))).isEqualTo(Decoded.valid(ack));
        PanelStatus st = new PanelStatus(false, AT, 5);
        assertThat(Codec.decodeStatus(Codec.encode(st))).isEqualTo(Decoded.valid(st));
    }

    @Test
    void aStatusCarriesThePanelsHealthOrNoneFromAnEarlierBuild() {
        PanelStatus healthy = new PanelStatus(true, AT, 5, new PanelHealth("0.2.0 (commit 1a2b3c4d5e)", 86_400, false, 3));
        assertThat(Codec.decodeStatus(Codec.encode(healthy))).isEqualTo(Decoded.valid(healthy));
        PanelStatus unknownClock = new PanelStatus(true, AT, 5, new PanelHealth("0.2.0", 1, null, 0));
        assertThat(Codec.decodeStatus(Codec.encode(unknownClock))).isEqualTo(Decoded.valid(unknownClock));
        byte[] earlier = ("{\"online\":true,\"at\":\"" + AT + "\",\"heartbeat\":5}").getBytes(StandardCharsets.UTF_8);
        assertThat(Codec.decodeStatus(earlier)).isEqualTo(Decoded.valid(new PanelStatus(true, AT, 5)));
        byte[] forged = ("{\"online\":true,\"at\":\"" + AT + "\",\"heartbeat\":5,\"version\":\"a\\nb\",\"uptime\":1,\"outbox\":0}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(reason(Codec.decodeStatus(forged))).as("a line break in the version").isEqualTo(Rejection.INVALID_FIELD);
        byte[] negative = ("{\"online\":true,\"at\":\"" + AT + "\",\"heartbeat\":5,\"version\":\"1\",\"uptime\":1,\"outbox\":-1}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(reason(Codec.decodeStatus(negative))).isEqualTo(Rejection.INVALID_FIELD);
    }

    @Test
    void theSeenVersionAndTheAgeOfAPressTravelWithTheEvent() {
        PanelEvent e = new PanelEvent(UUID.randomUUID(), "skola-a", "reception-1", EventType.LOCKDOWN, AT, 7, false,
                1_764_000_000_123L, java.util.OptionalLong.of(2500));
        assertThat(Codec.decodeEvent(Codec.encode(e))).isEqualTo(Decoded.valid(e));
        PanelEvent restarted = e.withAge(java.util.OptionalLong.empty());
        assertThat(new String(Codec.encode(restarted), StandardCharsets.UTF_8)).doesNotContain("\"age\"");
        assertThat(Codec.decodeEvent(Codec.encode(restarted))).isEqualTo(Decoded.valid(restarted));
    }

    @Test
    void anEventOfAnOlderPanelWithoutOrderFieldsHasSeenNothingAndAnUnknownAge() {
        String json = "{\"id\":\"3f1c2a7e-9b1d-4c55-8a70-2d4f0c1e9b11\",\"site\":\"a\",\"panel\":\"p\","
                + "\"type\":\"LOCKDOWN\",\"at\":\"2026-11-22T08:15:30Z\",\"seq\":1}";
        PanelEvent e = ((Decoded.Valid<PanelEvent>) Codec.decodeEvent(json.getBytes(StandardCharsets.UTF_8))).value();
        assertThat(e.seen()).isZero();
        assertThat(e.ageMillis()).isEmpty();
    }

    @Test
    void aClockInTheYearNineMillionIsStillAValidInstantAndIsKeptAsReported() {
        String json = "{\"id\":\"3f1c2a7e-9b1d-4c55-8a70-2d4f0c1e9b11\",\"site\":\"a\",\"panel\":\"p\","
                + "\"type\":\"LOCKDOWN\",\"at\":\"+9999999-01-01T00:00:00Z\",\"seq\":1}";
        PanelEvent e = ((Decoded.Valid<PanelEvent>) Codec.decodeEvent(json.getBytes(StandardCharsets.UTF_8))).value();
        assertThat(e.at().toString()).isEqualTo("+9999999-01-01T00:00:00Z");
    }

    @Test
    void aNegativeAgeIsRejected() {
        String json = "{\"id\":\"3f1c2a7e-9b1d-4c55-8a70-2d4f0c1e9b11\",\"site\":\"a\",\"panel\":\"p\","
                + "\"type\":\"LOCKDOWN\",\"at\":\"2026-11-22T08:15:30Z\",\"seq\":1,\"age\":-5}";
        assertThat(reason(Codec.decodeEvent(json.getBytes(StandardCharsets.UTF_8)))).isEqualTo(Rejection.INVALID_FIELD);
    }

    @Test
    void eventJsonMatchesTheDocumentedShape() {
        String json = "{\"id\":\"3f1c2a7e-9b1d-4c55-8a70-2d4f0c1e9b11\",\"site\":\"skola-a\",\"panel\":\"reception-1\","
                + "\"type\":\"ALARM\",\"at\":\"2026-11-22T08:15:30Z\",\"seq\":42,\"future\":\"ignored\"}";
        Decoded<PanelEvent> d = Codec.decodeEvent(json.getBytes(StandardCharsets.UTF_8));
        assertThat(d).isInstanceOf(Decoded.Valid.class);
        PanelEvent e = ((Decoded.Valid<PanelEvent>) d).value();
        assertThat(e.type()).isEqualTo(EventType.ALARM);
        assertThat(e.seq()).isEqualTo(42);
        assertThat(e.drill()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1,2]", "{\"id\":", "\"text\"", "{} {"})
    void malformedPayloadsAreRejectedAsMalformed(String payload) {
        assertThat(reason(Codec.decodeEvent(payload.getBytes(StandardCharsets.UTF_8)))).isEqualTo(Rejection.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"id\":\"nope\",\"site\":\"a\",\"panel\":\"p\",\"type\":\"ALARM\",\"at\":\"2026-11-22T08:15:30Z\",\"seq\":1}",
        "{\"id\":\"3f1c2a7e-9b1d-4c55-8a70-2d4f0c1e9b11\",\"site\":\"A B\",\"panel\":\"p\",\"type\":\"ALARM\",\"at\":\"2026-11-22T08:15:30Z\",\"seq\":1}",
        "{\"id\":\"3f1c2a7e-9b1d-4c55-8a70-2d4f0c1e9b11\",\"site\":\"a\",\"panel\":\"p\",\"type\":\"PANIC\",\"at\":\"2026-11-22T08:15:30Z\",\"seq\":1}",
        "{\"id\":\"3f1c2a7e-9b1d-4c55-8a70-2d4f0c1e9b11\",\"site\":\"a\",\"panel\":\"p\",\"type\":\"ALARM\",\"at\":\"yesterday\",\"seq\":1}",
        "{\"id\":\"3f1c2a7e-9b1d-4c55-8a70-2d4f0c1e9b11\",\"site\":\"a\",\"panel\":\"p\",\"type\":\"ALARM\",\"at\":\"2026-11-22T08:15:30Z\",\"seq\":-1}",
        "{\"id\":\"3f1c2a7e-9b1d-4c55-8a70-2d4f0c1e9b11\",\"site\":\"a\",\"panel\":\"p\",\"type\":\"ALARM\",\"at\":\"2026-11-22T08:15:30Z\",\"seq\":1.5}",
        "{\"id\":\"3f1c2a7e-9b1d-4c55-8a70-2d4f0c1e9b11\",\"site\":\"a\",\"panel\":\"p\",\"type\":\"ALARM\",\"at\":\"2026-11-22T08:15:30Z\",\"seq\":\"1\"}"
    })
    void eventsWithMissingOrWrongFieldsAreRejectedWithTheFieldNamed(String payload) {
        Decoded<PanelEvent> d = Codec.decodeEvent(payload.getBytes(StandardCharsets.UTF_8));
        assertThat(reason(d)).isEqualTo(Rejection.INVALID_FIELD);
        assertThat(((Decoded.Invalid<PanelEvent>) d).detail()).contains("field '");
    }

    @Test
    void oversizedPayloadIsRejectedBeforeParsing() {
        byte[] big = ("{\"pad\":\"" + "x".repeat(Contract.MAX_PAYLOAD_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(reason(Codec.decodeEvent(big))).isEqualTo(Rejection.OVERSIZED);
    }

    @Test
    void emptyPayloadIsMalformed() {
        assertThat(reason(Codec.decodeStatus(new byte[0]))).isEqualTo(Rejection.MALFORMED);
    }

    @Test
    void lockdownStateWithoutIncidentIsInvalid() {
        String json = "{\"mode\":\"LOCKDOWN\",\"incident\":null,\"since\":\"2026-11-22T08:15:30Z\",\"drill\":false}";
        assertThat(reason(Codec.decodeState(json.getBytes(StandardCharsets.UTF_8)))).isEqualTo(Rejection.INVALID_FIELD);
    }

    private static Rejection reason(Decoded<?> d) {
        assertThat(d).isInstanceOf(Decoded.Invalid.class);
        return ((Decoded.Invalid<?>) d).reason();
    }
}
