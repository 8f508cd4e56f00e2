package se.vaktpost.hub.threads;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A process's threads by kernel id and name, as /proc lists them; {@code unlisted} makes the listing fail. */
class FakeTasks implements BackgroundPriority.Tasks {
    final Map<Integer, String> names = new HashMap<>();
    boolean unlisted;

    @Override
    public Set<Integer> ids() throws IOException {
        if (unlisted) {
            throw new IOException("no /proc");
        }
        return Set.copyOf(names.keySet());
    }

    @Override
    public Optional<String> name(int tid) {
        return Optional.ofNullable(names.get(tid));
    }
}
