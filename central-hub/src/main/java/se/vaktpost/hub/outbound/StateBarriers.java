package se.vaktpost.hub.outbound;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Actions that wait until every state publish outstanding when they were added has been settled:
 * taken by the broker, or given up for a newer state of its site. Publishes are told apart by
 * identity. Owned by the publisher's owner (the hub's core thread); the actions run on it.
 */
final class StateBarriers<P> {
    private record Barrier<P>(Set<P> outstanding, Runnable then) {
    }

    private final List<Barrier<P>> barriers = new ArrayList<>();

    /** Runs {@code then} at once when nothing is outstanding, else once all of {@code outstanding} have settled. */
    void add(Collection<P> outstanding, Runnable then) {
        if (outstanding.isEmpty()) {
            then.run();
            return;
        }
        Set<P> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(outstanding);
        barriers.add(new Barrier<>(set, then));
    }

    /** {@code publish} was taken by the broker or given up. */
    void settled(P publish) {
        List<Runnable> due = new ArrayList<>();
        for (Iterator<Barrier<P>> it = barriers.iterator(); it.hasNext(); ) {
            Barrier<P> b = it.next();
            if (b.outstanding().remove(publish) && b.outstanding().isEmpty()) {
                it.remove();
                due.add(b.then());
            }
        }
        due.forEach(Runnable::run);
    }

    /** {@code older}, still queued, was replaced by {@code newer}: whoever waited for the one now waits for the other. */
    void replaced(P older, P newer) {
        for (Barrier<P> b : barriers) {
            if (b.outstanding().remove(older)) {
                b.outstanding().add(newer);
            }
        }
    }

    int waiting() {
        return barriers.size();
    }
}
