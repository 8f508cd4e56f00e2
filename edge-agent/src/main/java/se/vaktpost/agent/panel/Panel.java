package se.vaktpost.agent.panel;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vaktpost.agent.lockdown.LockdownSignal;
import se.vaktpost.agent.lockdown.PanelLockdown;
import se.vaktpost.agent.lockdown.PanelLockdown.Indication;
import se.vaktpost.agent.mqtt.PanelMqtt;
import se.vaktpost.agent.outbox.OutboxSender;
import se.vaktpost.agent.outbox.SqliteOutbox;
import se.vaktpost.agent.outbox.Stored;
import se.vaktpost.agent.press.PressInterpreter;
import se.vaktpost.agent.time.LoopScheduler;
import se.vaktpost.agent.time.Moment;
import se.vaktpost.hardware.Board;
import se.vaktpost.hardware.Output;
import se.vaktpost.protocol.EventAck;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.protocol.SiteState;

/**
 * One reception panel: wires board, press interpretation, outbox, MQTT and the lockdown view.
 * Every callback is moved onto the panel's own loop thread, so the domain objects stay simple.
 */
public final class Panel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Panel.class);
    private static final Duration BLINK = Duration.ofMillis(LockdownSignal.TICK_MILLIS);

    private final PanelSettings settings;
    private final Host host;
    private final long startedNanos;
    /** The host's answer at the last check (loop thread): null unknown, else synchronised or not. */
    private Boolean clockSynced;
    private final Board board;
    private final LoopScheduler loop;
    private final SqliteOutbox outbox;
    private final PanelMqtt mqtt;
    private final OutboxSender sender;
    private final PressInterpreter presses;
    private final PanelLockdown lockdown = new PanelLockdown();
    /** Names this run of the agent: a press from an earlier run is sent with its age unknown. */
    private final String run = Moment.newRun();
    private volatile Indication indication = lockdown.current();
    private volatile int unconfirmed;
    private volatile boolean connected;
    private boolean holding;
    private boolean blinkPhase;
    private long tick;

    public Panel(PanelSettings settings, Board board, Clock clock) throws SQLException, MqttException {
        this(settings, board, clock, Host.none("unknown"));
    }

    public Panel(PanelSettings settings, Board board, Clock clock, Host host) throws SQLException, MqttException {
        this.settings = settings;
        this.host = host;
        this.startedNanos = System.nanoTime();
        this.board = board;
        this.loop = new LoopScheduler("panel-" + settings.name(), clock);
        this.outbox = new SqliteOutbox(settings.outboxFile(), settings.site(), settings.panel(),
                settings.outboxCapacity());
        this.mqtt = new PanelMqtt(settings.mqtt(), settings.site(), settings.panel(), new MqttEvents(), clock,
                loop.executor(), this::health);
        this.sender = new OutboxSender(outbox, mqtt::publish, loop, settings.retryAfter(), loop::execute, run);
        this.presses = new PressInterpreter(loop, settings.press(), new Presses());
    }

    public void start() throws SQLException {
        unconfirmed = outbox.unconfirmedCount();
        if (unconfirmed > 0) {
            LOG.info("{}: {} event(s) from before the restart wait in the outbox", settings.name(), unconfirmed);
        }
        // The newest state the hub signed before the restart: a panel rebooted in a lockdown comes back
        // locked, whatever the broker now holds; only a newer signed state changes it.
        var kept = outbox.lastState();
        if (kept.isPresent()) {
            LOG.info("{}: restored the hub's state v{} ({}) from before the restart", settings.name(),
                    kept.get().version(), kept.get().mode());
            show(lockdown.onHubState(kept.get(), loop.nanoTime()));
        }
        // Fail safe: a lockdown pressed before a restart and never acked keeps this panel locked.
        for (Stored s : outbox.unconfirmed(Integer.MAX_VALUE)) {
            if (s.event().type() == EventType.LOCKDOWN) {
                show(lockdown.onOwnLockdown(s.event().id()));
            }
        }
        // the edge's time is taken here, on the board's thread: the loop may get to it late
        board.onInput((in, active) -> {
            long at = loop.nanoTime();
            loop.execute(() -> presses.edge(in, active, at));
        });
        loop.every(BLINK, this::refreshOutputs);
        loop.every(settings.retryAfter().dividedBy(2), sender::kick);
        loop.execute(this::checkClock);
        loop.every(CLOCK_CHECK, this::checkClock);
        // the watchdog is fed from the loop: a loop that hangs stops feeding it and systemd restarts the panel
        host.watchdog().ifPresent(period -> loop.every(period.dividedBy(2), () -> host.notify("WATCHDOG=1")));
        mqtt.start();
        host.notify("READY=1\nSTATUS=panel " + settings.name() + " running");
    }

    private static final Duration CLOCK_CHECK = Duration.ofMinutes(1);

    /** At start and every minute: is the clock synchronised? Reported in the status, shown on the status LED. */
    private void checkClock() {
        Boolean now = host.clockSynced();
        if (now != null && !now.equals(clockSynced)) {
            if (now) {
                LOG.info("{}: the system clock is synchronised", settings.name());
            } else {
                LOG.warn("{}: the system clock is NOT synchronised (NTP): decisions never use it, but the times "
                        + "it reports are off; check the network's time server", settings.name());
            }
        }
        clockSynced = now;
    }

    /** How the panel is, for its status (on the loop thread: the heartbeat runs there). */
    private se.vaktpost.protocol.PanelHealth health() {
        return new se.vaktpost.protocol.PanelHealth(host.version(), (System.nanoTime() - startedNanos) / 1_000_000_000L,
                clockSynced, unconfirmed);
    }

    public String name() {
        return settings.name();
    }

    public Indication indication() {
        return indication;
    }

    /** States and acks this panel refused because the hub had not signed them. */
    public long refusedUnsigned() {
        return mqtt.refusedUnsigned();
    }

    public int unconfirmedEvents() {
        return unconfirmed;
    }

    public boolean connected() {
        return connected;
    }

    public Board board() {
        return board;
    }

    private void report(EventType type) {
        Stored e;
        try {
            e = outbox.store(type, loop.now(), false, lockdown.seenVersion(), new Moment(run, loop.nanoTime()));
        } catch (SQLException ex) {
            // Never silent: the receptionist sees the LED stay dark and the log says why.
            LOG.error("{}: could not store {} press in the outbox: {}", settings.name(), type, ex.getMessage(), ex);
            return;
        }
        LOG.info("{}: stored event id={} type={} seq={} seen={}", settings.name(), e.event().id(), type,
                e.event().seq(), e.event().seen());
        refreshUnconfirmed();
        if (type == EventType.LOCKDOWN) {
            show(lockdown.onOwnLockdown(e.event().id()));
        } else if (type == EventType.ALARM) {
            show(lockdown.onOwnAlarm(e.event().id()));
        }
        sender.sendNow(e);
    }

    private void show(Indication next) {
        if (next.equals(indication)) {
            return;
        }
        indication = next;
        tick = 0;
        signal();
        LOG.info("{}: {}", settings.name(), describe(next));
    }

    private static String describe(Indication i) {
        if (i instanceof Indication.Locked l) {
            return "LOCKDOWN ON" + (l.drill() ? " (drill)" : "") + (l.confirmedByHub() ? " [hub]" : " [local]");
        }
        return "LOCKDOWN OFF (normal)";
    }

    private void signal() {
        LockdownSignal s = LockdownSignal.at(indication, tick);
        board.set(Output.LOCKDOWN_LED, s.light());
        board.set(Output.BUZZER, s.buzzer());
        board.set(Output.DOOR_LOCK, s.doorsLocked());
    }

    private void refreshOutputs() {
        tick++;
        signal();
        refreshStatusLed();
    }

    /**
     * Steady when connected with nothing unacked; fast blink while a press awaits the hub's ack;
     * connected with an unsynchronised clock: steady with a short dark blip every eight ticks.
     */
    private void refreshStatusLed() {
        blinkPhase = !blinkPhase;
        boolean waiting = holding || unconfirmed > 0;
        boolean blip = Boolean.FALSE.equals(clockSynced) && tick % 8 == 0;
        board.set(Output.STATUS_LED, waiting ? blinkPhase : connected && !blip);
    }

    /** After the outputs changed: a failed write costs the reboot case only, and says so. */
    private void keep(SiteState state) {
        try {
            outbox.saveState(state);
        } catch (SQLException e) {
            LOG.error("{}: could not keep the hub's state v{}: {}; after a restart this panel waits for the broker's",
                    settings.name(), state.version(), e.getMessage());
        }
    }

    private void refreshUnconfirmed() {
        try {
            unconfirmed = outbox.unconfirmedCount();
        } catch (SQLException e) {
            LOG.warn("{}: cannot count the outbox: {}", settings.name(), e.getMessage());
        }
    }

    @Override
    public void close() {
        mqtt.close();
        loop.close();
        try {
            outbox.close();
        } catch (SQLException e) {
            LOG.warn("{}: closing outbox: {}", settings.name(), e.getMessage());
        }
        board.close();
    }

    private final class Presses implements PressInterpreter.Listener {
        @Override
        public void report(EventType type) {
            if (type == EventType.LOCKDOWN) {
                holding = false;
            }
            Panel.this.report(type);
        }

        @Override
        public void holdStarted() {
            holding = true;
        }

        @Override
        public void holdAborted() {
            holding = false;
            LOG.info("{}: lockdown button released before the hold time; no lockdown", settings.name());
        }
    }

    private final class MqttEvents implements PanelMqtt.Listener {
        @Override
        public void connected() {
            loop.execute(() -> {
                Panel.this.connected = true;
                sender.connected();
            });
        }

        @Override
        public void disconnected() {
            loop.execute(() -> {
                Panel.this.connected = false;
                sender.disconnected();
            });
        }

        @Override
        public void siteState(SiteState state) {
            long arrived = loop.nanoTime();
            loop.execute(() -> {
                boolean newer = state.version() > lockdown.seenVersion();
                show(lockdown.onHubState(state, arrived));
                if (newer) {
                    keep(state);
                }
            });
        }

        @Override
        public void peerEvent(PanelEvent event) {
            long arrived = loop.nanoTime();
            loop.execute(() -> show(lockdown.onPeerEvent(event, arrived)));
        }

        @Override
        public void ack(EventAck ack) {
            loop.execute(() -> {
                sender.acked(ack.id());
                show(lockdown.onAck(ack.id(), ack.version()));
                refreshUnconfirmed();
                LOG.info("{}: hub confirmed event {}{}", settings.name(), ack.id(),
                        ack.incident() == null ? "" : " (incident " + ack.incident() + ")");
            });
        }
    }
}
