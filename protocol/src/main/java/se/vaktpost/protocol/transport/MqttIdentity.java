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
    public enum Role { HUB, HUB_PRESENCE, PANEL }

    public static final MqttIdentity HUB = new MqttIdentity("hub", Role.HUB, null, null);
    /** The hub's second connection (statuses in, acks out), so presence traffic never queues ahead of alarms. */
    public static final MqttIdentity HUB_PRESENCE = new MqttIdentity("hub.presence", Role.HUB_PRESENCE, null, null);

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
        String[] parts = username == null ? new String[0] : username.split("\\.", -1);
        if (parts.length == 3 && parts[0].equals("panel") && Contract.isIdentifier(parts[1]) && Contract.isIdentifier(parts[2])) {
            return Optional.of(panel(parts[1], parts[2]));
        }
        return Optional.empty();
    }
}
