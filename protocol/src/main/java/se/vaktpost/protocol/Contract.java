package se.vaktpost.protocol;

import java.util.regex.Pattern;

/** Fixed facts of the Vaktpost MQTT contract, version 1. See docs/mqtt.md. */
public final class Contract {
    public static final String VERSION = "v1";
    public static final String ROOT = "vaktpost/" + VERSION;
    /** Largest payload any topic of the contract accepts; bigger is rejected before parsing. */
    public static final int MAX_PAYLOAD_BYTES = 2048;
    /** Largest MQTT packet a client of the contract accepts from its broker; beyond it the broker must drop it. */
    public static final int MAX_PACKET_BYTES = 64 * 1024;
    /** Site and panel identifiers: lower-case, digits and dashes, as they appear in topics. */
    public static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");

    private Contract() {
    }

    public static boolean isIdentifier(String value) {
        return value != null && IDENTIFIER.matcher(value).matches();
    }
}
