package se.vaktpost.hub.intake;

import se.vaktpost.protocol.EventAck;
import se.vaktpost.protocol.SiteState;

/** What the intake sends back to the panels; the MQTT adapter implements it. */
public interface Outbound {
    /** Retained, QoS 1; {@code delivered} runs once the broker has accepted it. */
    void publishState(String site, SiteState state, Runnable delivered);

    void publishAck(String site, String panel, EventAck ack);
}
