package se.vaktpost.hub.outbound;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vaktpost.hub.core.Outbound;
import se.vaktpost.hub.intake.Ingress;
import se.vaktpost.hub.metrics.HubMetrics;
import se.vaktpost.protocol.Codec;
import se.vaktpost.protocol.Decoded;
import se.vaktpost.protocol.EventAck;
import se.vaktpost.protocol.SiteState;
import se.vaktpost.protocol.Topics;
import se.vaktpost.protocol.signing.HubSignature;

/**
 * Owns what the broker must hold for the panels: each site's newest state (retained) and the acks
 * of recorded events. Everything is queued and sent within a window no wider than the broker's
 * receive maximum; a publish the broker does not take is sent again after a back-off, so nothing is
 * dropped whatever the broker's in-flight limit. A newer state of a site replaces an older one still
 * waiting. Three lanes: changes of state (and repairs) first, then acks, then refreshes of states
 * the broker should already hold (at start, after a reconnect, every few minutes) — a refresh to
 * 10,000 panels must never hold an alarm back. The hub follows its own state topics: a retained
 * state that differs from the newest is a change again; one that equals it makes its refresh
 * unneeded, and refreshes wait a moment after a connect for the broker's replay. States and acks
 * may go on two connections, each with its own window, so that in a burst no state waits for room
 * behind acks; and states on more than one, each site always on the same (its states stay in order)
 * unless that one is down, so that a burst's states have a window at the broker on each. One thread
 * owns all of it: in the hub the core's, so a state leaves from the thread that committed it.
 */
public final class ReliablePublisher implements Outbound, Ingress.RetainedStates, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReliablePublisher.class);
    private static final Runnable NOTHING = () -> { };

    /** The MQTT client underneath. */
    public interface Transport {
        /** QoS 1; completes when the broker acknowledged it, fails (never throws) otherwise. */
        CompletionStage<Void> publish(String topic, byte[] payload, boolean retained);

        boolean connected();
    }

    /**
     * @param window         most publishes in flight (further limited by the broker's receive maximum)
     * @param retryMin       first back-off after a refused publish; it doubles up to {@code retryMax}
     * @param lostAfter      a publish unanswered this long counts as lost and is sent again
     * @param republishEvery every site's state is published again this often, whatever the broker holds
     * @param maxAcks        acks kept while the broker is away; beyond that the oldest goes (its panel resends)
     * @param refreshSettle  after a connect, refreshes wait this long for the broker's replay of what it holds
     */
    public record Settings(int window, Duration retryMin, Duration retryMax, Duration lostAfter,
                           Duration republishEvery, int maxAcks, Duration refreshSettle) {
        public static Settings defaults() {
            return new Settings(16, Duration.ofMillis(20), Duration.ofSeconds(2), Duration.ofSeconds(30),
                    Duration.ofMinutes(5), 100_000, Duration.ofSeconds(2));
        }
    }

    /** A state to send; {@code queuedNanos} when it was handed over (by the caller's clock read), for the wait metric. */
    private record Pending(SiteState state, Runnable delivered, long queuedNanos) {
        Pending(SiteState state, Runnable delivered) {
            this(state, delivered, System.nanoTime());
        }
    }

    private record AckOut(String site, String panel, EventAck ack, long queuedNanos) {
    }

    /** One publish the broker has not answered yet: a state (site set) or an ack, and the link it went on. */
    private record InFlight(String site, Pending state, AckOut ack, long sentNanos, SendWindow link) {
    }

    private final StateLinks stateLinks;
    /** The first of them: it follows the state topics, so the broker's replay on it decides the refreshes. */
    private final SendWindow stateLink;
    private final SendWindow ackLink;
    private final HubMetrics metrics;
    /** Runs every step, one at a time, in order. */
    private final Executor owner;
    private final ScheduledExecutorService timers;
    private final List<ScheduledFuture<?>> periodic = new ArrayList<>();
    private final Settings settings;
    private final Map<String, Pending> states = new LinkedHashMap<>();
    /** Each site's newest state, in the order the sites became known (the first warms the way out). */
    private final Map<String, SiteState> newest = new LinkedHashMap<>();
    private final Map<String, SiteState> sending = new HashMap<>();
    private final ArrayDeque<AckOut> acks = new ArrayDeque<>();
    private final java.util.Set<String> refreshes = new java.util.LinkedHashSet<>();
    /**
     * No refresh before the states' link has connected and its settle time passed: only the broker's
     * replay tells which are needed (at a start the ack link may connect and pump first, while the
     * state link's client already says connected).
     */
    private boolean stateLinkConnected;
    private long refreshFrom;
    private final Map<Long, InFlight> inFlight = new HashMap<>();
    private final StateBarriers<Pending> barriers = new StateBarriers<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private long nextId;
    private Duration backoff;
    private boolean retryScheduled;
    private final HubSignature.Signer signer;

    /**
     * States on {@code states} (a site's always on the same while it is connected, else on the first,
     * which must be the one that follows the state topics: see {@link #seen}), acks on {@code acks}
     * (may be one of them), every state and ack signed by {@code signer} (the hub's key, which panels
     * pin); {@code owner} runs every step, one at a time and in order (the hub core's steps), and
     * {@code timers} only says when a timed step is due.
     */
    public ReliablePublisher(List<Transport> states, Transport acks, HubMetrics metrics, Executor owner,
                             ScheduledExecutorService timers, Settings settings, HubSignature.Signer signer) {
        this.timers = timers;
        this.signer = signer;
        this.stateLinks = new StateLinks(states, settings.window());
        this.stateLink = stateLinks.first();
        SendWindow shared = stateLinks.of(acks);
        this.ackLink = shared != null ? shared : new SendWindow(acks, settings.window());
        this.metrics = metrics;
        this.owner = owner;
        this.settings = settings;
        this.backoff = settings.retryMin();
        metrics.gauge(HubMetrics.Gauge.OUTBOUND_QUEUE, waiting::get);
        long sweep = Math.max(1, settings.lostAfter().toMillis() / 3);
        periodic.add(timers.scheduleWithFixedDelay(() -> owner.execute(this::sweepLost), sweep, sweep, TimeUnit.MILLISECONDS));
        long every = settings.republishEvery().toMillis();
        periodic.add(timers.scheduleWithFixedDelay(() -> owner.execute(this::republishAll), every, every,
                TimeUnit.MILLISECONDS));
    }

    /** Runs {@code step} on the owner once {@code millis} have passed. */
    private void later(Runnable step, long millis) {
        timers.schedule(() -> owner.execute(step), millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void publishState(String site, SiteState state, Runnable delivered) {
        long handedOver = System.nanoTime(); // the wait metric includes the wait for the owner
        owner.execute(() -> {
            newest.put(site, state);
            refreshes.remove(site);
            Pending now = new Pending(state, delivered, handedOver);
            Pending older = states.put(site, now);
            if (older != null) {
                barriers.replaced(older, now);
            }
            pump();
        });
    }

    @Override
    public void afterStates(Runnable then) {
        owner.execute(() -> {
            List<Pending> outstanding = new ArrayList<>(states.values());
            inFlight.values().stream().filter(f -> f.site() != null).forEach(f -> outstanding.add(f.state()));
            barriers.add(outstanding, then);
        });
    }

    @Override
    public void announceState(String site, SiteState state) {
        owner.execute(() -> {
            newest.put(site, state);
            if (!states.containsKey(site)) {
                refreshes.add(site);
            }
            pump();
        });
    }

    @Override
    public void publishAck(String site, String panel, EventAck ack) {
        long handedOver = System.nanoTime();
        owner.execute(() -> {
            if (acks.size() >= settings.maxAcks()) {
                AckOut dropped = acks.poll();
                LOG.warn("{} acks wait for the broker; dropped the oldest ({}); its panel sends the event again",
                        acks.size() + 1, dropped.ack().id());
            }
            acks.add(new AckOut(site, panel, ack, handedOver));
            pump();
        });
    }

    /**
     * {@code transport} (re)connected with the broker's receive maximum. Changes and acks go at once;
     * after a connect of the states' link every site's newest state is refreshed after the settle
     * time, unless the broker's replay shows it holds it already.
     */
    public void connected(Transport transport, int receiveMaximum) {
        owner.execute(() -> {
            backoff = settings.retryMin();
            java.util.Optional.ofNullable(stateLinks.of(transport)).ifPresent(states -> states.narrowTo(receiveMaximum));
            if (ackLink.transport == transport) {
                ackLink.narrowTo(receiveMaximum);
            }
            if (stateLink.transport == transport) {
                if (!stateLinkConnected) {
                    warmUp();
                }
                stateLinkConnected = true;
                refreshFrom = System.nanoTime() + settings.refreshSettle().toNanos();
                refreshAll();
                later(this::pump, settings.refreshSettle().toMillis());
            }
            pump();
        });
    }

    /**
     * At the first connect one site's state goes out at once, whatever the broker holds: the first
     * state a hub process sends pays for loading and interpreting the whole way out (signing, JSON,
     * the MQTT client's send and its PUBACK; 30–40 ms measured), and that must not be the first
     * lockdown's. The panels of that site get the state they hold again, which changes nothing.
     */
    private void warmUp() {
        newest.entrySet().stream().findFirst().ifPresent(first -> {
            // as for any change: what goes out now needs no refresh after the settle time as well
            refreshes.remove(first.getKey());
            states.putIfAbsent(first.getKey(), new Pending(first.getValue(), NOTHING));
        });
    }

    /** A retained state on a state topic of the hub's (its echo, a replay, a stranger's); decoded by the caller's thread. */
    @Override
    public void seen(String site, byte[] payload) {
        Decoded<SiteState> got = Codec.decodeState(payload);
        owner.execute(() -> {
            SiteState want = newest.get(site);
            if (want == null) {
                return;
            }
            if (got instanceof Decoded.Valid<SiteState> v && v.value().equals(want)) {
                refreshes.remove(site);
                return;
            }
            if (states.containsKey(site) || sending.containsKey(site)) {
                return;
            }
            refreshes.remove(site);
            LOG.warn("the broker holds another state for {} than the hub ({}); publishing version {} again", site,
                    got instanceof Decoded.Valid<SiteState> v ? "version " + v.value().version() : "none or unreadable",
                    want.version());
            metrics.stateRepaired();
            states.put(site, new Pending(want, NOTHING));
            pump();
        });
    }

    /**
     * Sends what the windows have room for: states first (changes, oldest first, each on its site's
     * link; refreshes only when no change waits), then acks.
     */
    private void pump() {
        stateLinks.drain(states.entrySet().iterator(), Map.Entry::getKey, (link, e) -> sendState(link, e.getKey(), e.getValue()));
        if (states.isEmpty() && refreshDue()) {
            stateLinks.drain(refreshes.iterator(), site -> site, (link, site) -> sendState(link, site, new Pending(newest.get(site), NOTHING)));
        }
        while (ackLink.hasRoom() && !acks.isEmpty()) {
            AckOut a = acks.poll();
            send(new InFlight(null, null, a, System.nanoTime(), ackLink), Topics.ack(a.site(), a.panel()),
                    Codec.encode(a.ack(), signer.sign(HubSignature.ack(a.site(), a.panel(), a.ack()))), false);
        }
        waiting.set(states.size() + acks.size() + refreshes.size() + inFlight.size());
    }

    private void sendState(SendWindow link, String site, Pending p) {
        sending.put(site, p.state());
        send(new InFlight(site, p, null, System.nanoTime(), link), Topics.state(site), signed(site, p.state()), true);
    }

    private byte[] signed(String site, SiteState state) {
        return Codec.encode(state, signer.sign(HubSignature.state(site, state)));
    }

    private void send(InFlight f, String topic, byte[] payload, boolean retained) {
        long id = nextId++;
        inFlight.put(id, f);
        f.link().sent();
        f.link().transport.publish(topic, payload, retained).whenComplete((ok, err) -> owner.execute(() -> done(id, err)));
    }

    private boolean refreshDue() {
        return stateLinkConnected && !refreshes.isEmpty() && System.nanoTime() - refreshFrom >= 0;
    }

    private void done(long id, Throwable err) {
        InFlight f = inFlight.remove(id);
        if (f == null) {
            return; // counted as lost already and queued again
        }
        f.link().answeredOrLost();
        if (f.site() != null && f.state().state().equals(sending.get(f.site()))) {
            sending.remove(f.site());
        }
        if (err == null) {
            long now = System.nanoTime();
            long queued = f.site() != null ? f.state().queuedNanos() : f.ack().queuedNanos();
            metrics.published(Duration.ofNanos(f.sentNanos() - queued), Duration.ofNanos(now - f.sentNanos()));
            if (f.site() != null && LOG.isDebugEnabled()) {
                LOG.debug("state {} v{} taken by the broker: waited {} µs for the window, answered in {} µs", f.site(),
                        f.state().state().version(), (f.sentNanos() - queued) / 1000, (now - f.sentNanos()) / 1000);
            }
            backoff = settings.retryMin();
            if (f.site() != null) {
                f.state().delivered().run();
                barriers.settled(f.state());
            }
            pump();
            return;
        }
        LOG.debug("publish not taken by the broker ({}); queued again", err.getMessage());
        again(f);
        retryLater();
    }

    /** A state goes again only if it is still the site's newest and no newer one waits; an ack always. */
    private void again(InFlight f) {
        metrics.publishRetried();
        if (f.site() != null) {
            if (!states.containsKey(f.site()) && f.state().state().equals(newest.get(f.site()))) {
                states.put(f.site(), f.state());
            } else {
                barriers.settled(f.state()); // a newer state of the site is queued or on its way
            }
        } else {
            acks.addFirst(f.ack());
        }
        waiting.set(states.size() + acks.size() + refreshes.size() + inFlight.size());
    }

    private void retryLater() {
        if (retryScheduled) {
            return;
        }
        retryScheduled = true;
        later(() -> {
            retryScheduled = false;
            pump();
        }, backoff.toMillis());
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(settings.retryMax()) > 0 ? settings.retryMax() : doubled;
    }

    /** A publish the client never answered (a dropped connection can leave one so) frees its slot and goes again. */
    private void sweepLost() {
        long now = System.nanoTime();
        var it = inFlight.values().iterator();
        boolean lost = false;
        while (it.hasNext()) {
            InFlight f = it.next();
            if (now - f.sentNanos() > settings.lostAfter().toNanos()) {
                it.remove();
                f.link().answeredOrLost();
                if (f.site() != null) {
                    sending.remove(f.site());
                }
                again(f);
                lost = true;
            }
        }
        if (lost) {
            LOG.warn("publishes unanswered for {} s were counted lost and queued again", settings.lostAfter().toSeconds());
            pump();
        }
    }

    private void republishAll() {
        if (stateLink.transport.connected()) {
            refreshAll();
            pump();
        }
    }

    private void refreshAll() {
        newest.forEach((site, state) -> {
            if (!states.containsKey(site) && !state.equals(sending.get(site))) {
                refreshes.add(site);
            }
        });
    }

    @Override
    public void close() {
        periodic.forEach(p -> p.cancel(false));
    }
}
