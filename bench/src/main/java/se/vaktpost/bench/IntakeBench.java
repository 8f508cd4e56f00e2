package se.vaktpost.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import se.vaktpost.hub.core.CoreView;
import se.vaktpost.hub.core.HubCore;
import se.vaktpost.hub.core.Outbound;
import se.vaktpost.hub.intake.Ingress;
import se.vaktpost.hub.metrics.HubMetrics;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.hub.store.HubStore;
import se.vaktpost.protocol.Codec;
import se.vaktpost.protocol.EventAck;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.protocol.SiteState;
import se.vaktpost.protocol.Topics;
import se.vaktpost.storage.SqliteDatabase;

/**
 * The hub's per-event cost (validate, dedup lookup, state machine, one transaction with the
 * incident) against the floor: one plain INSERT of the same row in SQLite with the same
 * durability (WAL, synchronous=FULL), autocommit.
 */
final class IntakeBench {
    private IntakeBench() {
    }

    /**
     * From a message handed to the hub's MQTT edge (decode, registry and spoof checks) through the
     * core's queue, dedup lookup, state machine and one transaction, to its ack handed to the
     * publisher.
     */
    static long[] hubRecord(Path dir, int samples) throws Exception {
        SiteRegistry registry = new SiteRegistry(List.of(new SiteRegistry.SiteInfo("bench", "Bench", null,
                List.of(new SiteRegistry.PanelInfo("p1", "P1")))));
        AtomicLong acked = new AtomicLong();
        Outbound none = new Outbound() {
            @Override
            public void publishState(String site, SiteState state, Runnable delivered) {
            }

            @Override
            public void announceState(String site, SiteState state) {
            }

            @Override
            public void publishAck(String site, String panel, EventAck ack) {
                acked.incrementAndGet();
            }

            @Override
            public void afterStates(Runnable then) {
                then.run(); // nothing is sent here, so nothing waits
            }
        };
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("hub.db"), "db/hub")) {
            HubCore core = HubCore.start(registry, new HubStore(db.connect()), none, HubMetrics.NOOP, Clock.systemUTC(),
                    new CoreView(), HubCore.Settings.defaults(Duration.ofSeconds(30)));
            // one panel sends all 2,000 events here: without a generous rate they would queue as a flood's do
            Ingress ingress = new Ingress(registry, core, (site, payload) -> { }, HubMetrics.NOOP, Clock.systemUTC(),
                    new se.vaktpost.hub.intake.PanelRates(1e9, 1_000_000), System::nanoTime);
            String topic = Topics.events("bench", "p1");
            long[] out = new long[samples];
            try {
                for (int i = -200; i < samples; i++) {
                    byte[] body = Codec.encode(new PanelEvent(UUID.randomUUID(), "bench", "p1", EventType.ALARM,
                            Instant.now(), i + 201, false, 0, OptionalLong.of(1)));
                    long before = acked.get();
                    long t0 = System.nanoTime();
                    ingress.accept(topic, body, false, () -> { });
                    while (acked.get() == before) {
                        Thread.onSpinWait();
                    }
                    if (i >= 0) {
                        out[i] = System.nanoTime() - t0;
                    }
                }
            } finally {
                core.close();
            }
            return out;
        }
    }

    static long[] rawInsert(Path dir, int samples) throws Exception {
        try (Connection c = SqliteDatabase.openMigrated(dir.resolve("raw.db"), "db/hub")) {
            long[] out = new long[samples];
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO events (id, site, panel, type, at, seq, drill, "
                    + "received_at, incident_id) VALUES (?, 'bench', 'p1', 'ALARM', ?, ?, 0, ?, NULL)")) {
                for (int i = -200; i < samples; i++) {
                    long t0 = System.nanoTime();
                    ps.setString(1, UUID.randomUUID().toString());
                    ps.setString(2, Instant.now().toString());
                    ps.setLong(3, i + 201);
                    ps.setString(4, Instant.now().toString());
                    ps.executeUpdate();
                    if (i >= 0) {
                        out[i] = System.nanoTime() - t0;
                    }
                }
            }
            return out;
        }
    }
}
