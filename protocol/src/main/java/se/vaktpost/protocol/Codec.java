package se.vaktpost.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * JSON encoding and validating decoding of every contract message. Unknown fields are ignored so
 * that newer panels can add fields; missing or mistyped required fields are rejected.
 */
public final class Codec {
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(8).maxStringLength(Contract.MAX_PAYLOAD_BYTES).build());
    }

    private Codec() {
    }

    public static byte[] encode(PanelEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", e.id().toString()).put("site", e.site()).put("panel", e.panel())
                .put("type", e.type().name()).put("at", e.at().toString()).put("seq", e.seq())
                .put("seen", e.seen());
        e.ageMillis().ifPresent(age -> n.put("age", age));
        if (e.drill()) {
            n.put("drill", true);
        }
        return bytes(n);
    }

    public static byte[] encode(PanelStatus s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("online", s.online()).put("at", s.at().toString()).put("heartbeat", s.heartbeatSeconds());
        if (s.health() != null) {
            PanelHealth h = s.health();
            n.put("version", h.version()).put("uptime", h.uptimeSeconds()).put("outbox", h.outboxDepth());
            if (h.clockSynced() != null) {
                n.put("clockSynced", h.clockSynced());
            }
        }
        return bytes(n);
    }

    public static byte[] encode(EventAck a) {
        return encode(a, null);
    }

    /** An ack with the hub's signature ({@code sig}, Base64), or none when {@code sig} is null. */
    public static byte[] encode(EventAck a, String sig) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", a.id().toString());
        if (a.incident() == null) {
            n.putNull("incident");
        } else {
            n.put("incident", a.incident());
        }
        n.put("version", a.version());
        if (sig != null) {
            n.put("sig", sig);
        }
        return bytes(n);
    }

    public static byte[] encode(SiteState s) {
        return encode(s, null);
    }

    /** A state with the hub's signature ({@code sig}, Base64), or none when {@code sig} is null. */
    public static byte[] encode(SiteState s, String sig) {
        ObjectNode n = JSON.createObjectNode();
        n.put("mode", s.mode().name());
        if (s.incident() == null) {
            n.putNull("incident");
        } else {
            n.put("incident", s.incident());
        }
        n.put("since", s.since().toString()).put("drill", s.drill()).put("version", s.version());
        if (sig != null) {
            n.put("sig", sig);
        }
        return bytes(n);
    }

    /** The hub's signature carried by a state or ack ({@code sig}); empty when there is none or the payload is not JSON. */
    public static java.util.Optional<String> signature(byte[] payload) {
        if (payload == null || payload.length == 0 || payload.length > Contract.MAX_PAYLOAD_BYTES) {
            return java.util.Optional.empty();
        }
        try {
            JsonNode sig = JSON.readTree(payload).get("sig");
            return sig != null && sig.isTextual() ? java.util.Optional.of(sig.asText()) : java.util.Optional.empty();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    public static Decoded<PanelEvent> decodeEvent(byte[] payload) {
        return decode(payload, f -> new PanelEvent(f.uuid("id"), f.identifier("site"), f.identifier("panel"),
                f.enumValue("type", EventType.class), f.instant("at"), f.nonNegativeLong("seq"),
                f.optionalBoolean("drill"), f.optionalNonNegativeLong("seen"), f.optionalAge("age")));
    }

    public static Decoded<PanelStatus> decodeStatus(byte[] payload) {
        return decode(payload, f -> new PanelStatus(f.requiredBoolean("online"), f.instant("at"),
                (int) f.optionalNonNegativeLong("heartbeat"), health(f)));
    }

    /** A status's health fields, all or none (a panel of an earlier build sends none). */
    private static PanelHealth health(Fields f) {
        String version = f.optionalText("version");
        if (version == null) {
            return null;
        }
        long outbox = f.nonNegativeLong("outbox");
        if (outbox > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("field 'outbox' is out of range");
        }
        return new PanelHealth(version, f.nonNegativeLong("uptime"), f.optionalNullableBoolean("clockSynced"), (int) outbox);
    }

    public static Decoded<EventAck> decodeAck(byte[] payload) {
        return decode(payload, f -> new EventAck(f.uuid("id"), f.optionalText("incident"),
                f.optionalNonNegativeLong("version")));
    }

    public static Decoded<SiteState> decodeState(byte[] payload) {
        return decode(payload, f -> new SiteState(f.enumValue("mode", Mode.class), f.optionalText("incident"),
                f.instant("since"), f.optionalBoolean("drill"), f.optionalNonNegativeLong("version")));
    }

    private static <T> Decoded<T> decode(byte[] payload, Function<Fields, T> read) {
        if (payload == null || payload.length == 0) {
            return Decoded.invalid(Rejection.MALFORMED, "empty payload");
        }
        if (payload.length > Contract.MAX_PAYLOAD_BYTES) {
            return Decoded.invalid(Rejection.OVERSIZED, payload.length + " bytes");
        }
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (IOException e) {
            return Decoded.invalid(Rejection.MALFORMED, firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            return Decoded.invalid(Rejection.MALFORMED, "expected a JSON object");
        }
        try {
            return Decoded.valid(read.apply(new Fields(node)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Decoded.invalid(Rejection.INVALID_FIELD, e.getMessage());
        }
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsString(n).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + n, e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unparseable JSON";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
