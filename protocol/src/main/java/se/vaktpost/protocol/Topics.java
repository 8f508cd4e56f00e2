package se.vaktpost.protocol;

import java.util.Optional;

/** Builds and parses the contract's topics. Parsing never throws: an unknown topic is empty. */
public final class Topics {
    private static final String SITES = Contract.ROOT + "/sites/";

    /** The kinds of topic in the contract. */
    public enum Kind { EVENTS, STATUS, ACK, STATE }

    /** A parsed topic; {@code panel} is null for the site-wide state topic. */
    public record Address(Kind kind, String site, String panel) {
    }

    private Topics() {
    }

    public static String events(String site, String panel) {
        return panelTopic(site, panel, "events");
    }

    public static String status(String site, String panel) {
        return panelTopic(site, panel, "status");
    }

    /** The statuses of every panel of one site (a subscription filter). */
    public static String siteStatuses(String site) {
        return SITES + requireId(site) + "/panels/+/status";
    }

    public static String ack(String site, String panel) {
        return panelTopic(site, panel, "ack");
    }

    public static String state(String site) {
        return SITES + requireId(site) + "/state";
    }

    /** Every panel's events of one site: what a panel follows to lock down without the hub. */
    public static String siteEventsFilter(String site) {
        return SITES + requireId(site) + "/panels/+/events";
    }

    public static final String ALL_EVENTS = SITES + "+/panels/+/events";
    public static final String ALL_STATUS = SITES + "+/panels/+/status";
    /** Every site's retained state: the hub follows what the broker holds. */
    public static final String ALL_STATES = SITES + "+/state";

    public static Optional<Address> parse(String topic) {
        if (topic == null || !topic.startsWith(SITES)) {
            return Optional.empty();
        }
        String[] parts = topic.substring(SITES.length()).split("/", -1);
        if (parts.length == 2 && parts[1].equals("state") && Contract.isIdentifier(parts[0])) {
            return Optional.of(new Address(Kind.STATE, parts[0], null));
        }
        if (parts.length != 4 || !parts[1].equals("panels")
                || !Contract.isIdentifier(parts[0]) || !Contract.isIdentifier(parts[2])) {
            return Optional.empty();
        }
        Kind kind = switch (parts[3]) {
            case "events" -> Kind.EVENTS;
            case "status" -> Kind.STATUS;
            case "ack" -> Kind.ACK;
            default -> null;
        };
        return kind == null ? Optional.empty() : Optional.of(new Address(kind, parts[0], parts[2]));
    }

    private static String panelTopic(String site, String panel, String leaf) {
        return SITES + requireId(site) + "/panels/" + requireId(panel) + "/" + leaf;
    }

    private static String requireId(String id) {
        if (!Contract.isIdentifier(id)) {
            throw new IllegalArgumentException("not a contract identifier: '" + id + "'");
        }
        return id;
    }
}
