package se.vaktpost.hub.notify;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vaktpost.hub.metrics.HubMetrics;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.hub.threads.Pacer;

/**
 * Turns the core's notices into messages and delivers them: one thread owns the outbox. It routes
 * each new notice once (the cursor moves in the same transaction as the deliveries are written),
 * takes the escalation steps that fell due by the hub's clock, and hands due deliveries to the
 * channels, a bounded number in flight per channel, so a dead channel holds back nothing but its
 * own messages. Never on the alarm path: the core only appends notices and nudges.
 */
public final class Notifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final int IN_FLIGHT_PER_CHANNEL = 32;
    private static final int NOTICES_PER_PASS = 100;
    /**
     * Passes start at least this far apart. A pass is a dozen queries whatever it finds; at 200
     * lockdowns a second one pass per nudge took 0.7 ms of CPU per notice on the cores the alarm path
     * shares (bench, hub-notifier thread: 143 ms of a 1.3-s burst). Apart, each pass takes what
     * came in the meantime; a notification leaves at most this much later.
     */
    static final Duration PASS_GAP = Duration.ofMillis(100);

    /** Writes a line of the audit log for the hub itself. */
    public interface Audit {
        void record(String action, String incident, String detail);
    }

    public record Deps(NotificationPlan plan, SiteRegistry registry, OutboxStore store, List<Sender> senders, Clock clock,
                       Backoff backoff, HubMetrics metrics, Audit audit, Consumer<String> siteChanged) {
    }

    private final Deps d;
    private final Router router;
    /** Whether any route or webhook asks for PANEL_OFFLINE: the plan is fixed, so decided once. */
    private final boolean outagesWanted;
    private final Messages messages;
    private final Map<Channel, Sender> senders = new EnumMap<>(Channel.class);
    private final ScheduledExecutorService thread;
    private final Pacer pacer;
    private final AtomicInteger waiting = new AtomicInteger();
    /** Notifier thread only. */
    private final Map<Channel, Integer> inFlight = new EnumMap<>(Channel.class);
    /** Sites whose incidents' deliveries changed since the last pass: the live view hears once per pass. */
    private final java.util.Set<String> dirty = new java.util.LinkedHashSet<>();
    /** Answers not yet written. Notifier thread only. */
    private final List<OutboxStore.Answer> finished = new ArrayList<>();
    private long cursor;
    /** Notifier thread only: when the last pass began and the shortest time between two (for tests). */
    private long lastPassNanos;
    private volatile long shortestPassInterval = Long.MAX_VALUE;
    private volatile int passes;
    private Instant nextOutageCheck = Instant.EPOCH;
    private Instant nextCount = Instant.EPOCH;

    private Notifier(Deps d) {
        this.d = d;
        this.router = new Router(d.plan());
        this.outagesWanted = d.plan().routes().stream().anyMatch(r -> r.kinds().contains(NoticeKind.PANEL_OFFLINE))
                || d.plan().webhooks().stream().anyMatch(w -> w.kinds().contains(NoticeKind.PANEL_OFFLINE));
        this.messages = new Messages(d.plan().language(), d.registry().settings().timeZone());
        d.senders().forEach(s -> senders.put(s.channel(), s));
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hub-notifier");
            t.setDaemon(true);
            return t;
        });
        this.pacer = new Pacer(PASS_GAP, (delay, task) -> thread.schedule(task, delay, TimeUnit.NANOSECONDS),
                this::pass, System::nanoTime);
    }

    /** Resumes what a crash interrupted and begins; a pass runs every second and whenever nudged. */
    public static Notifier start(Deps deps) throws SQLException {
        Notifier n = new Notifier(deps);
        int resumed = deps.store().resumeSending();
        if (resumed > 0) {
            LOG.warn("{} notifications were being sent when the hub stopped; sending them again with the same idempotency keys",
                    resumed);
        }
        n.cursor = deps.store().cursor();
        // the pass of every second, unless a nudged one has just run
        n.thread.scheduleWithFixedDelay(n.pacer::runIfDue, 0, 1, TimeUnit.SECONDS);
        return n;
    }

    /** Something may have happened (called from the core thread): a pass soon, never work here. */
    public void nudge() {
        pacer.request();
    }

    /** How many passes have begun; the shortest time between the beginnings of two. For tests. */
    int passes() {
        return passes;
    }

    Duration shortestPassInterval() {
        return Duration.ofNanos(shortestPassInterval);
    }

    /** Deliveries not yet done (pending, being sent, to be retried), as of the last pass; for the gauge. */
    public int waiting() {
        return waiting.get();
    }

    private void pass() {
        long began = pacer.lastRun(); // the gap is counted from it, so the interval tests measure that
        if (passes > 0) {
            shortestPassInterval = Math.min(shortestPassInterval, began - lastPassNanos);
        }
        lastPassNanos = began;
        passes++;
        try {
            Instant now = d.clock().instant();
            recordAnswers();
            outages(now);
            routeNew(now);
            escalate(now);
            dispatch(now);
            if (!now.isBefore(nextCount)) {
                waiting.set(d.store().waiting());
                nextCount = now.plusSeconds(1);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.error("notifications: {}; trying again in a second", e.getMessage());
        } finally {
            dirty.forEach(d.siteChanged());
            dirty.clear();
        }
    }

    private void routeNew(Instant now) throws SQLException {
        List<Notice> fresh = d.store().noticesAfter(cursor, NOTICES_PER_PASS);
        if (fresh.isEmpty()) {
            return;
        }
        Directory dir = d.store().directory();
        List<OutboxStore.Routed> routed = new ArrayList<>(fresh.size());
        for (Notice n : fresh) {
            routed.add(new OutboxStore.Routed(n, rows(n, router.route(n, dir), 0)));
        }
        // one transaction for what a pass found: a burst's notices do not each take the write lock
        d.store().routed(routed, now);
        cursor = fresh.get(fresh.size() - 1).id();
        for (OutboxStore.Routed r : routed) {
            Notice n = r.notice();
            LOG.info("notice {} ({} at {}): {} messages", n.id(), n.kind(), n.site(), r.deliveries().size());
            if (!r.deliveries().isEmpty()) {
                dirty.add(n.site());
            }
        }
        if (fresh.size() == NOTICES_PER_PASS) {
            nudge();
        }
    }

    /**
     * Panels offline longer than notifications.panelOfflineAfterSeconds (hub time): one notice per
     * school and check, each outage told once. Only when a route asks for PANEL_OFFLINE.
     */
    private void outages(Instant now) throws SQLException {
        if (!outagesWanted || now.isBefore(nextOutageCheck)) {
            return;
        }
        nextOutageCheck = now.plusSeconds(10);
        Map<String, List<OutboxStore.Outage>> bySite = new java.util.LinkedHashMap<>();
        for (OutboxStore.Outage o : d.store().outagesSince(now.minusSeconds(d.plan().panelOfflineAfterSeconds()))) {
            if (d.registry().site(o.site()).map(s -> s.hasPanel(o.panel())).orElse(false)) {
                bySite.computeIfAbsent(o.site(), k -> new ArrayList<>()).add(o);
            }
        }
        for (var e : bySite.entrySet()) {
            d.store().noticeOutages(e.getKey(), e.getValue().size() == 1 ? e.getValue().get(0).panel() : null, e.getValue(), now);
        }
    }

    /** Steps of unanswered alarms whose time came by the hub's clock; taken once each, across restarts. */
    private void escalate(Instant now) throws SQLException {
        if (d.plan().escalation().isEmpty()) {
            return;
        }
        Directory dir = null;
        for (Notice n : d.store().unanswered()) {
            for (int step : router.dueSteps(n, d.store().stepsTaken(n.id()), false, now)) {
                dir = dir == null ? d.store().directory() : dir;
                List<OutboxStore.NewDelivery> rows = rows(n, router.escalate(n, step, dir), step);
                d.store().escalated(n, step, rows, now);
                LOG.warn("incident {} at {} still unacknowledged: escalation step {} ({} messages)", n.incident(),
                        n.site(), step, rows.size());
                d.audit().record("notification.escalate", n.incident(), "step " + step + ", " + rows.size() + " messages");
                dirty.add(n.site());
            }
        }
    }

    private List<OutboxStore.NewDelivery> rows(Notice n, List<Router.Target> targets, int step) {
        String siteName = d.registry().site(n.site()).map(SiteRegistry.SiteInfo::name).orElse(n.site());
        String panelName = n.panel() == null ? null : d.registry().site(n.site()).flatMap(s -> s.panels().stream()
                .filter(p -> p.id().equals(n.panel())).findFirst()).map(SiteRegistry.PanelInfo::name).orElse(null);
        Messages.Message m = messages.render(n, siteName, panelName, step);
        List<OutboxStore.NewDelivery> out = new ArrayList<>(targets.size());
        for (Router.Target t : targets) {
            out.add(new OutboxStore.NewDelivery(t, n, m.title(), m.body()));
        }
        return out;
    }

    private void dispatch(Instant now) throws SQLException {
        for (Channel c : Channel.values()) {
            OutboxStore.Taken taken = d.store().takeDue(c, now, IN_FLIGHT_PER_CHANNEL - inFlight.getOrDefault(c, 0));
            for (OutboxStore.Due due : taken.cancelled()) {
                d.metrics().notification(c.name(), "cancelled", null);
                dirty.add(due.notice().site());
            }
            for (OutboxStore.Due due : taken.send()) {
                send(due);
            }
        }
    }

    private void send(OutboxStore.Due due) {
        Sender s = senders.get(due.channel());
        if (s == null) {
            done(due, Sender.Outcome.failed(due.channel() + " is not configured (notifications." + due.channel().name()
                    .toLowerCase(java.util.Locale.ROOT) + " in the registry file)", true));
            return;
        }
        inFlight.merge(due.channel(), 1, Integer::sum);
        String siteName = d.registry().site(due.notice().site()).map(SiteRegistry.SiteInfo::name).orElse(due.notice().site());
        CompletionStage<Sender.Outcome> sent;
        try {
            sent = s.send(new Sender.Outgoing(due.id(), due.key(), due.channel(), due.address(), due.title(), due.body(),
                    due.notice(), siteName, d.plan().link(due.notice().incident())));
        } catch (RuntimeException e) {
            sent = java.util.concurrent.CompletableFuture.completedFuture(Sender.Outcome.failed(e.toString(), false));
        }
        sent.whenComplete((outcome, error) -> thread.execute(() -> {
            int left = inFlight.merge(due.channel(), -1, Integer::sum);
            done(due, outcome != null ? outcome : Sender.Outcome.failed(String.valueOf(error), false));
            // refill the channel's window half at a time, not after every answer: one pass (a few
            // queries and one transaction) per 16 messages; the second's pass records the rest
            if (left == IN_FLIGHT_PER_CHANNEL / 2 || left == 0) {
                nudge();
            }
        }));
    }

    /** On the notifier thread: an answer, kept until the next pass writes all of them in one transaction. */
    private void done(OutboxStore.Due due, Sender.Outcome outcome) {
        Instant now = d.clock().instant();
        Instant next = outcome instanceof Sender.Outcome.Failed f && !f.permanent()
                ? d.backoff().next(due.attempts(), due.created(), now) : null;
        finished.add(new OutboxStore.Answer(due, outcome, now, next));
    }

    /**
     * The answers since the last pass: recorded in one transaction, counted, and audited (every
     * failure on its own line, the deliveries one line per incident and pass), then shown on the
     * incident.
     */
    private void recordAnswers() {
        if (finished.isEmpty()) {
            return;
        }
        List<OutboxStore.Answer> answers = new ArrayList<>(finished);
        try {
            d.store().answered(answers);
        } catch (SQLException e) {
            // kept: the next pass writes them (the deliveries stay "being sent" meanwhile, never lost)
            LOG.error("could not record the outcome of {} notifications: {}; trying again at the next pass",
                    answers.size(), e.getMessage());
            return;
        }
        finished.clear();
        Map<String, Map<Channel, Integer>> sentPerIncident = new java.util.LinkedHashMap<>();
        for (OutboxStore.Answer a : answers) {
            String channel = a.due().channel().name();
            dirty.add(a.due().notice().site());
            if (a.outcome() instanceof Sender.Outcome.Sent) {
                d.metrics().notification(channel, "sent", Duration.between(a.due().notice().hubAt(), a.at()));
                sentPerIncident.computeIfAbsent(String.valueOf(a.due().notice().incident()), k -> new java.util.TreeMap<>())
                        .merge(a.due().channel(), 1, Integer::sum);
            } else if (a.outcome() instanceof Sender.Outcome.Failed f) {
                d.metrics().notification(channel, a.next() == null ? "gave_up" : "failed", null);
                LOG.warn("notification #{} ({}) failed on attempt {}: {}; {}", a.due().id(), channel, a.due().attempts(), f.why(),
                        a.next() == null ? "given up" : "trying again at " + a.next());
                if (a.next() == null || a.due().attempts() == 1) {
                    d.audit().record(a.next() == null ? "notification.gave_up" : "notification.failed", a.due().notice().incident(),
                            channel + " #" + a.due().id() + ": " + f.why());
                }
            }
        }
        sentPerIncident.forEach((incident, counts) -> d.audit().record("notification.sent",
                "null".equals(incident) ? null : incident, counts.toString().replaceAll("[{}]", "")));
    }

    @Override
    public void close() {
        try {
            // answers already in are written now, not at a next pass that never comes: a clean stop
            // does not send them again after the restart (a crash does, with the same idempotency keys)
            thread.submit(this::recordAnswers).get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | java.util.concurrent.RejectedExecutionException e) {
            LOG.warn("notifications: the last answers were not written at the stop: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.shutdownNow();
        try {
            if (thread.awaitTermination(5, TimeUnit.SECONDS)) {
                d.store().close();
            }
        } catch (InterruptedException | SQLException e) {
            Thread.currentThread().interrupt();
        }
    }
}
