package se.vaktpost.hub.core;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import se.vaktpost.hub.metrics.HubMetrics;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.hub.store.HubStore;
import se.vaktpost.protocol.EventAck;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.protocol.SiteState;
import se.vaktpost.storage.SqliteDatabase;

/** A hub core on an in-memory database, with a fake outbound that records in order and a clock the test sets. */
final class CoreRig implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    /** A clock the test moves; read by the core thread, so held in an atomic reference. */
    static final class SetClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(T0);

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Everything the core sent or told, in the order it happened. */
    final List<Object> sent = new CopyOnWriteArrayList<>();
    final SetClock clock = new SetClock();
    final CoreView view = new CoreView();
    final SqliteDatabase db;
    final SiteRegistry registry;
    private HubCore core;

    record StateOut(String site, SiteState state) {
    }

    /** An ack, and how many panels the core had online when it sent it. */
    record AckOut(String site, String panel, EventAck ack, int onlineWhenSent) {
    }

    record Changed(String site) {
    }

    private final List<Runnable> untaken = new java.util.ArrayList<>();
    private boolean holdingStates;

    /** From now on the fake broker has not taken the states: what waits for them (afterStates) waits. */
    void holdStates() {
        synchronized (untaken) {
            holdingStates = true;
        }
    }

    int waitingForStates() {
        synchronized (untaken) {
            return untaken.size();
        }
    }

    /** The fake broker takes every state: what waited for them runs, in order. */
    void takeStates() {
        List<Runnable> due;
        synchronized (untaken) {
            holdingStates = false;
            due = List.copyOf(untaken);
            untaken.clear();
        }
        due.forEach(Runnable::run);
    }

    /** Runs on the core's thread as each state is published; the tests' own probe. */
    volatile Runnable onPublish = () -> { };

    final Outbound outbound = new Outbound() {
        @Override
        public void publishState(String site, SiteState state, Runnable delivered) {
            onPublish.run();
            sent.add(new StateOut(site, state));
            delivered.run();
        }

        @Override
        public void announceState(String site, SiteState state) {
            sent.add(new StateOut(site, state));
        }

        @Override
        public void publishAck(String site, String panel, EventAck ack) {
            sent.add(new AckOut(site, panel, ack, view.panelsOnline()));
        }

        @Override
        public void afterStates(Runnable then) {
            synchronized (untaken) {
                if (holdingStates) {
                    untaken.add(then);
                    return;
                }
            }
            then.run(); // every state is taken at once, unless the test holds them
        }
    };

    CoreRig(int alfaPanels) throws SQLException {
        db = SqliteDatabase.inMemory("core-" + UUID.randomUUID(), "db/hub");
        List<SiteRegistry.PanelInfo> panels = new java.util.ArrayList<>();
        for (int i = 1; i <= alfaPanels; i++) {
            panels.add(new SiteRegistry.PanelInfo("a" + i, "A" + i));
        }
        registry = new SiteRegistry(List.of(new SiteRegistry.SiteInfo("alfa", "Alfaskolan", null, panels),
                new SiteRegistry.SiteInfo("beta", "Betaskolan", null, List.of(new SiteRegistry.PanelInfo("b1", "B1")))));
        view.onChange(site -> sent.add(new Changed(site)));
    }

    HubCore start() throws SQLException {
        return start(HubCore.Settings.defaults(Duration.ofSeconds(30)));
    }

    HubCore start(HubCore.Settings settings) throws SQLException {
        core = HubCore.start(registry, new HubStore(db.connect()), outbound, HubMetrics.NOOP, clock, view, settings);
        return core;
    }

    /** Starts a core prepared by the test (whose steps it may have queued already). */
    HubCore start(HubCore.Prepared prepared) throws SQLException {
        core = prepared.start(registry, new HubStore(db.connect()), outbound, HubMetrics.NOOP, clock, view);
        return core;
    }

    HubCore core() {
        return core;
    }

    /** Stops the core as a restart would; the database stays. */
    void stop() {
        core.close();
    }

    static PanelEvent press(String site, String panel, EventType type, long seen, OptionalLong age, Instant panelClock) {
        return new PanelEvent(UUID.randomUUID(), site, panel, type, panelClock, 1, false, seen, age);
    }

    List<AckOut> acks() {
        return sent.stream().filter(AckOut.class::isInstance).map(AckOut.class::cast).toList();
    }

    List<StateOut> states(String site) {
        return sent.stream().filter(StateOut.class::isInstance).map(StateOut.class::cast)
                .filter(s -> s.site().equals(site)).toList();
    }

    SiteState lastState(String site) {
        List<StateOut> all = states(site);
        return all.get(all.size() - 1).state();
    }

    long count(String sql) {
        try (Connection c = db.connectReadOnly(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String text(String sql) {
        try (Connection c = db.connectReadOnly(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, CoreView.PanelView> panels(String site) {
        return view.site(site).orElseThrow().panels();
    }

    @Override
    public void close() throws SQLException {
        if (core != null) {
            core.close();
        }
        db.close();
    }
}
