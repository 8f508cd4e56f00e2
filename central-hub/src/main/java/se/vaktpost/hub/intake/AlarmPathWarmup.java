package se.vaktpost.hub.intake;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import se.vaktpost.hub.core.CoreView;
import se.vaktpost.hub.core.HubCore;
import se.vaktpost.hub.core.Outbound;
import se.vaktpost.hub.metrics.HubMetrics;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.hub.store.HubStore;
import se.vaktpost.protocol.Codec;
import se.vaktpost.protocol.EventAck;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.protocol.SiteState;
import se.vaktpost.protocol.Topics;
import se.vaktpost.protocol.signing.HubSignature;
import se.vaktpost.storage.SqliteDatabase;

/**
 * Runs lockdowns and all-clears through the alarm path once at start, on a scratch core: its own
 * in-memory database and registry, an outbound that signs and encodes what it would send and sends
 * nothing. The first lockdown a hub process handled took 46 ms where the tenth took 5 (loading and
 * interpreting the JSON decoding, validation, core, store, signing); a school's first lockdown after
 * a restart must not be the one that pays for it. Nothing of the hub's own database, broker, metrics,
 * live view or log is touched (the scratch core writes no line per event). Runs on the calling
 * thread (and the scratch core's), before the hub takes its first event.
 */
public final class AlarmPathWarmup {
    private static final String SITE = "warm-up";
    private static final String PANEL = "w1";

    /** What was run: lockdown/all-clear pairs, the states and acks the scratch core gave for them, how long it took. */
    public record Result(int pairs, int states, int acks, Duration took) {
    }

    private AlarmPathWarmup() {
    }

    /** At most {@code pairs} lockdown/all-clear pairs, stopping early once {@code budget} has passed. */
    public static Result run(HubSignature.Signer signer, Clock clock, int pairs, Duration budget)
            throws SQLException, InterruptedException {
        long start = System.nanoTime();
        SiteRegistry registry = new SiteRegistry(List.of(new SiteRegistry.SiteInfo(SITE, "Uppvärmning", null,
                List.of(new SiteRegistry.PanelInfo(PANEL, "W1")))));
        SigningOutbound outbound = new SigningOutbound(signer);
        try (SqliteDatabase db = SqliteDatabase.inMemory("warm-up-" + UUID.randomUUID(), "db/hub")) {
            HubCore core = HubCore.start(registry, new HubStore(db.connect()), outbound, HubMetrics.NOOP, clock,
                    new CoreView(), HubCore.Settings.defaults(Duration.ofSeconds(30)).withoutEventLog());
            try {
                // one event at a time: no rate limit applies (a clock that moves a minute per reading)
                AtomicLong nanos = new AtomicLong();
                Ingress ingress = new Ingress(registry, core, (site, payload) -> { }, HubMetrics.NOOP, clock,
                        PanelRates.defaults(), () -> nanos.addAndGet(60_000_000_000L));
                Semaphore released = new Semaphore(0);
                int done = 0;
                long seq = 0;
                while (done < pairs && System.nanoTime() - start < budget.toNanos()) {
                    for (EventType type : List.of(EventType.LOCKDOWN, EventType.ALL_CLEAR)) {
                        PanelEvent e = new PanelEvent(UUID.randomUUID(), SITE, PANEL, type, clock.instant(), seq++, false,
                                outbound.version.get(), OptionalLong.of(0));
                        ingress.accept(Topics.events(SITE, PANEL), Codec.encode(e), false, released::release);
                        if (!released.tryAcquire(5, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the scratch core did not take a warm-up event within 5 s");
                        }
                    }
                    done++;
                }
                return new Result(done, outbound.states.get(), outbound.acks.get(), Duration.ofNanos(System.nanoTime() - start));
            } finally {
                core.close();
            }
        }
    }

    /** Does the work of the real outbound up to the wire: signs and encodes; keeps the newest version. */
    private static final class SigningOutbound implements Outbound {
        private final HubSignature.Signer signer;
        final AtomicLong version = new AtomicLong();
        final AtomicInteger states = new AtomicInteger();
        final AtomicInteger acks = new AtomicInteger();

        SigningOutbound(HubSignature.Signer signer) {
            this.signer = signer;
        }

        @Override
        public void publishState(String site, SiteState state, Runnable delivered) {
            Codec.encode(state, signer.sign(HubSignature.state(site, state)));
            version.set(state.version());
            states.incrementAndGet();
            delivered.run();
        }

        @Override
        public void announceState(String site, SiteState state) {
            version.set(state.version());
        }

        @Override
        public void publishAck(String site, String panel, EventAck ack) {
            Codec.encode(ack, signer.sign(HubSignature.ack(site, panel, ack)));
            acks.incrementAndGet();
        }

        @Override
        public void afterStates(Runnable then) {
            then.run();
        }
    }
}
