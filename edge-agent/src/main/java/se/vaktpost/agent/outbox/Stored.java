package se.vaktpost.agent.outbox;

import se.vaktpost.agent.time.Moment;
import se.vaktpost.protocol.PanelEvent;

/** An event in the outbox and the monotonic moment of its press, from which every send tells its age. */
public record Stored(PanelEvent event, Moment pressed) {
}
