package se.vaktpost.hub.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Refuses login attempts after too many failures for the same user name or the same address
 * within a window, so passwords cannot be guessed at speed. Pure apart from the injected clock.
 */
public final class LoginLimiter {
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    /** Most names and addresses tracked at once: a stranger trying a million names cannot grow this. */
    static final int MAX_KEYS = 10_000;
    /** Least recently failed first: beyond {@link #MAX_KEYS} the one quiet longest is forgotten. */
    private final Map<String, Deque<Instant>> failures = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_KEYS;
        }
    };

    public LoginLimiter(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    public synchronized boolean allowed(String username, String remote) {
        return count("u:" + username) < maxFailures && count("r:" + remote) < maxFailures * 4;
    }

    public synchronized void failed(String username, String remote) {
        Instant now = clock.instant();
        failures.computeIfAbsent("u:" + username, k -> new ArrayDeque<>()).add(now);
        failures.computeIfAbsent("r:" + remote, k -> new ArrayDeque<>()).add(now);
    }

    public synchronized void succeeded(String username) {
        failures.remove("u:" + username);
    }

    synchronized int trackedKeys() {
        return failures.size();
    }

    private int count(String key) {
        Deque<Instant> q = failures.get(key);
        if (q == null) {
            return 0;
        }
        Instant oldest = clock.instant().minus(window);
        while (!q.isEmpty() && q.peekFirst().isBefore(oldest)) {
            q.pollFirst();
        }
        return q.size();
    }
}
