package se.vaktpost.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

/** Typed, validating reads of one JSON object's fields; every failure names the field. */
final class Fields {
    private final JsonNode node;

    Fields(JsonNode node) {
        this.node = node;
    }

    String text(String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("field '" + name + "' must be a string");
        }
        return v.textValue();
    }

    String optionalText(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.textValue().length() > 64) {
            throw new IllegalArgumentException("field '" + name + "' must be a short string or null");
        }
        return v.textValue();
    }

    String identifier(String name) {
        String v = text(name);
        if (!Contract.isIdentifier(v)) {
            throw new IllegalArgumentException("field '" + name + "' is not an identifier: " + abbreviate(v));
        }
        return v;
    }

    UUID uuid(String name) {
        String v = text(name);
        try {
            UUID id = UUID.fromString(v);
            if (!id.toString().equals(v.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("non-canonical");
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + name + "' is not a UUID: " + abbreviate(v));
        }
    }

    Instant instant(String name) {
        String v = text(name);
        try {
            return IsoInstant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field '" + name + "' is not an ISO-8601 instant: " + abbreviate(v));
        }
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String v = text(name);
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + name + "' has unknown value: " + abbreviate(v));
        }
    }

    long nonNegativeLong(String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToLong() || v.longValue() < 0) {
            throw new IllegalArgumentException("field '" + name + "' must be a non-negative integer");
        }
        return v.longValue();
    }

    long optionalNonNegativeLong(String name) {
        return node.hasNonNull(name) ? nonNegativeLong(name) : 0;
    }

    /** Milliseconds since something happened; absent when the sender cannot tell. */
    java.util.OptionalLong optionalAge(String name) {
        return node.hasNonNull(name) ? java.util.OptionalLong.of(nonNegativeLong(name)) : java.util.OptionalLong.empty();
    }

    boolean requiredBoolean(String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.isBoolean()) {
            throw new IllegalArgumentException("field '" + name + "' must be true or false");
        }
        return v.booleanValue();
    }

    boolean optionalBoolean(String name) {
        return node.hasNonNull(name) && requiredBoolean(name);
    }

    /** True, false, or null when absent or null. */
    Boolean optionalNullableBoolean(String name) {
        return node.hasNonNull(name) ? requiredBoolean(name) : null;
    }

    private static String abbreviate(String v) {
        return v.length() <= 40 ? v : v.substring(0, 40) + "…";
    }
}
