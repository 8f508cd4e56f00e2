package se.vaktpost.protocol.transport;

import java.util.Optional;
import se.vaktpost.protocol.Contract;

/**
 * Who an MQTT client is. The user name doubles as its client id (the broker is configured with
 * {@code use_username_as_clientid}), so nobody can take over another's session by choosing its
 * client id. A dot separates the parts because contract identifiers never contain one:
 * {@code panel.ekbacken.reception} is unambiguous where {@code panel-ekbacken-reception} would not be.
 */
public record MqttIdentity(String username, Role role, String site, String panel) {
    /** What an identity may do; see the broker ACL ({@code central-hub broker-config}). */
    public enum Role { HUB, HUB_PRESENCE, HUB_STATES, PANEL }

    public static final MqttIdentity HUB = new MqttIdentity("hub", Role.HUB, null, null);
    /** The hub's second connection (statuses in, acks out), so presence traffic never queues ahead of alarms. */
    public static final MqttIdentity HUB_PRESENCE = new MqttIdentity("hub.presence", Role.HUB_PRESENCE, null, null);
    /**
     * The hub's third connection: states only. Half the sites' states go on it, so that in a burst
     * they have two windows at the broker (each connection may have only the broker's receive
     * maximum unanswered) and two places in the broker's round over its sockets.
     */
    public static final MqttIdentity HUB_STATES = new MqttIdentity("hub.states", Role.HUB_STATES, null, null);

    public static MqttIdentity panel(String site, String panel) {
        if (!Contract.isIdentifier(site) || !Contract.isIdentifier(panel)) {
            throw new IllegalArgumentException("not a site/panel of the contract: " + site + "/" + panel);
        }
        return new MqttIdentity("panel." + site + "." + panel, Role.PANEL, site, panel);
    }

    /** The identity a user name stands for; empty for anything else. */
    public static Optional<MqttIdentity> parse(String username) {
        if (HUB.username.equals(username)) {
            return Optional.of(HUB);
        }
        if (HUB_PRESENCE.username.equals(username)) {
            return Optional.of(HUB_PRESENCE);
        }
        if (HUB_STATES.username.equals(username)) {
            return Optional.of(HUB_STATES);
        }
        String[] parts = username == null ? new String[0] : username.split("\\.", -1);
        if (parts.length == 3 && parts[0].equals("panel") && Contract.isIdentifier(parts[1]) && Contract.isIdentifier(parts[2])) {
            return Optional.of(panel(parts[1], parts[2]));
        }
        return Optional.empty();
    }
}
