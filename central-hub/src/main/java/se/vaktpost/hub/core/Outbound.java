package se.vaktpost.hub.core;

import se.vaktpost.protocol.EventAck;
import se.vaktpost.protocol.SiteState;

/**
 * What the core sends to the panels. Calls return at once: the implementation queues and retries
 * until the broker has each message, whatever the broker's in-flight window.
 */
public interface Outbound {
    /**
     * Retained, QoS 1. A newer state of the site replaces an older one not yet sent;
     * {@code delivered} runs once the broker has accepted this state (not if a newer replaced it).
     */
    void publishState(String site, SiteState state, Runnable delivered);

    /**
     * The state the broker should hold already (announced at start): sent after every change and
     * ack waiting, and not at all when the broker shows it holds exactly this.
     */
    void announceState(String site, SiteState state);

    void publishAck(String site, String panel, EventAck ack);

    /**
     * Runs {@code then} once every state handed over before this call has been taken by the broker
     * (or given up for a newer state of its site); at once when none waits. The core acknowledges
     * the events of a batch to the broker with it: a broker that reads one packet per connection per
     * round of its event loop (Mosquitto) would otherwise read those acks first and the lockdown's
     * state one round later, which in a storm of thousands of ready sockets is 100 ms or more.
     */
    void afterStates(Runnable then);
}
