package se.vaktpost.protocol;

/** Why a message was refused. Used as a metric tag, so the set is closed. */
public enum Rejection {
    OVERSIZED("payload larger than " + Contract.MAX_PAYLOAD_BYTES + " bytes"),
    MALFORMED("not a JSON object in UTF-8"),
    INVALID_FIELD("a field is missing or has the wrong type or value"),
    UNKNOWN_TOPIC("topic is not part of the contract"),
    UNKNOWN_SITE("site is not in the registry"),
    UNKNOWN_PANEL("panel is not registered for the site"),
    SPOOFED("site or panel in the body differs from the topic"),
    RATE_LIMITED("the panel sent far beyond its rate and the queue for such events is full; it sends again"),
    UNSIGNED("a state or ack the hub did not sign (checked by panels with the hub's key pinned)");

    private final String meaning;

    Rejection(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }

    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
