package se.vaktpost.hub.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.storage.Jdbc;
import se.vaktpost.storage.NamedSql;
import se.vaktpost.storage.Params;
import se.vaktpost.storage.Statements;

/**
 * The notifier's tables on a connection of its own, used by the notifier thread alone: reads the
 * notices the core appended, keeps the deliveries (the outbox) and the escalation steps taken.
 */
public final class OutboxStore implements AutoCloseable {
    private static final NamedSql SQL = NamedSql.load("sql/notify.sql");
    private static final String CURSOR = "notices_read";
    private final Connection db;
    /** Compiled once: a pass asks for what is due on every channel, a burst makes ten passes a second. */
    private final Statements statements;

    /**
     * Commits here do not wait for the disk (synchronous=NORMAL): they survive a crash of the hub,
     * and only a power cut can lose the last of them, after which the same messages are sent again
     * with the same idempotency keys, or routed again from the durable notices with the cursor.
     */
    public OutboxStore(Connection db) throws SQLException {
        this.db = db;
        this.statements = new Statements(db);
        try (java.sql.Statement s = db.createStatement()) {
            s.execute("PRAGMA synchronous=NORMAL");
        }
    }

    /** A channel's answer to a delivery; {@code next} is when to try again (null: given up, or sent). */
    public record Answer(Due due, Sender.Outcome outcome, Instant at, Instant next) {
    }

    /** Many answers in one transaction. */
    public void answered(List<Answer> answers) throws SQLException {
        Jdbc.inTransaction(db, () -> {
            for (Answer a : answers) {
                if (a.outcome() instanceof Sender.Outcome.Failed f) {
                    failed(a.due().id(), f.why(), a.next());
                } else {
                    sent(a.due().id(), a.at());
                }
            }
            return null;
        });
    }

    /** A delivery to write: the target and what it says. */
    public record NewDelivery(Router.Target target, Notice notice, String title, String body) {
    }

    /** A delivery due to be sent. */
    public record Due(long id, String key, Channel channel, String address, String title, String body, Instant created,
                      int attempts, Notice notice) {
    }

    /** The last notice read (the migration starts it at 0, so no notice is ever skipped). */
    public long cursor() throws SQLException {
        try (ResultSet rs = statements.query(SQL.statement("progress"), Params.of("name", CURSOR))) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    public List<Notice> noticesAfter(long after, int limit) throws SQLException {
        return notices(statements.bound(SQL.statement("notices_after"), Params.of("after", after).and("limit", limit)));
    }

    /** Notices whose incident is neither acknowledged nor closed. */
    public List<Notice> unanswered() throws SQLException {
        return notices(statements.bound(SQL.statement("unanswered_notices"), Params.none()));
    }

    public Set<Integer> stepsTaken(long notice) throws SQLException {
        Set<Integer> out = new HashSet<>();
        try (ResultSet rs = statements.query(SQL.statement("steps_taken"), Params.of("notice", notice))) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    /** A notice and the deliveries it was routed to. */
    public record Routed(Notice notice, List<NewDelivery> deliveries) {
    }

    /** The deliveries of a pass's notices, and the cursor moved past the last, in one transaction. */
    public void routed(List<Routed> notices, Instant now) throws SQLException {
        if (notices.isEmpty()) {
            return;
        }
        Jdbc.inTransaction(db, () -> {
            for (Routed r : notices) {
                insert(r.deliveries(), now);
            }
            statements.update(SQL.statement("set_progress"),
                    Params.of("name", CURSOR).and("value", notices.get(notices.size() - 1).notice().id()));
            return null;
        });
    }

    /** An escalation step's deliveries, and the step marked taken, in one transaction. */
    public void escalated(Notice n, int step, List<NewDelivery> rows, Instant now) throws SQLException {
        Jdbc.inTransaction(db, () -> {
            insert(rows, now);
            statements.update(SQL.statement("take_step"), Params.of("notice", n.id()).and("step", step).and("at", now));
            return null;
        });
    }

    private void insert(List<NewDelivery> rows, Instant now) throws SQLException {
        List<Params> bound = new ArrayList<>(rows.size());
        for (NewDelivery d : rows) {
            bound.add(Params.of("key", d.target().key()).and("notice", d.notice().id()).and("step", d.target().step())
                    .and("incident", d.notice().incident()).and("site", d.notice().site())
                    .and("channel", d.target().channel().name()).and("recipient", d.target().recipient())
                    .and("address", d.target().address()).and("title", d.title()).and("body", d.body())
                    .and("now", now).and("due", now.toEpochMilli()));
        }
        statements.batch(SQL.statement("insert_delivery"), bound);
    }

    /** What {@link #takeDue} took: to send now, and what it cancelled as out of date (with why). */
    public record Taken(List<Due> send, List<Due> cancelled) {
    }

    /**
     * Up to {@code limit} deliveries of a channel due now: each marked as being sent, or cancelled
     * when the incident has moved on ({@link Outdated}). Reads without a lock; writes (one
     * transaction) only when something was due, so an idle notifier never holds the core's writer.
     */
    public Taken takeDue(Channel channel, Instant now, int limit) throws SQLException {
        if (limit <= 0) {
            return new Taken(List.of(), List.of());
        }
        List<Due> send = new ArrayList<>();
        List<Due> cancelled = new ArrayList<>();
        java.util.Map<Long, String> why = new java.util.HashMap<>();
        try (ResultSet rs = statements.query(SQL.statement("due"), Params.of("now", now.toEpochMilli())
                .and("channel", channel.name()).and("limit", limit))) {
            while (rs.next()) {
                Due d = new Due(rs.getLong("id"), rs.getString("dedup_key"), Channel.valueOf(rs.getString("channel")),
                        rs.getString("address"), rs.getString("title"), rs.getString("body"),
                        Instant.parse(rs.getString("created_at")), rs.getInt("attempts") + 1, notice(rs, "notice"));
                String outdated = Outdated.why(d.notice().kind(), rs.getInt("step"), rs.getInt("acknowledged") == 1,
                        rs.getInt("closed") == 1);
                if (outdated == null) {
                    send.add(d);
                } else {
                    cancelled.add(d);
                    why.put(d.id(), outdated);
                }
            }
        }
        if (!send.isEmpty() || !cancelled.isEmpty()) {
            Jdbc.inTransaction(db, () -> {
                for (Due d : send) {
                    statements.update(SQL.statement("mark_sending"), Params.of("id", d.id()));
                }
                for (Due d : cancelled) {
                    statements.update(SQL.statement("mark_cancelled"), Params.of("why", why.get(d.id())).and("id", d.id()));
                }
                return null;
            });
        }
        return new Taken(send, cancelled);
    }

    public void sent(long id, Instant at) throws SQLException {
        statements.update(SQL.statement("mark_sent"), Params.of("at", at).and("id", id));
    }

    /** {@code next} null: given up. */
    public void failed(long id, String error, Instant next) throws SQLException {
        statements.update(SQL.statement("mark_failed"), Params.of("status", next == null ? "GAVE_UP" : "FAILED")
                .and("error", error).and("next", next == null ? Long.MAX_VALUE : next.toEpochMilli()).and("id", id));
    }

    /** At start: what a crash interrupted goes again (with the same idempotency key). */
    public int resumeSending() throws SQLException {
        return statements.update(SQL.statement("resume_sending"), Params.none());
    }

    /** A panel offline since {@code since} (hub time) whose outage nobody was told of yet. */
    public record Outage(String site, String panel, String since) {
    }

    public List<Outage> outagesSince(Instant before) throws SQLException {
        List<Outage> out = new ArrayList<>();
        try (ResultSet rs = statements.query(SQL.statement("offline_due"), Params.of("before", before))) {
            while (rs.next()) {
                out.add(new Outage(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }

    /** One notice for a site's outages ({@code panel} null when several), each outage marked told, in one transaction. */
    public void noticeOutages(String site, String panel, List<Outage> outages, Instant now) throws SQLException {
        Jdbc.inTransaction(db, () -> {
            statements.update(SQL.statement("insert_offline_notice"), Params.of("site", site).and("panel", panel).and("at", now));
            long notice;
            try (ResultSet rs = statements.query(SQL.statement("last_notice_id"), Params.none())) {
                rs.next();
                notice = rs.getLong(1);
            }
            for (Outage o : outages) {
                statements.update(SQL.statement("offline_told"), Params.of("site", o.site()).and("panel", o.panel())
                        .and("since", o.since()).and("notice", notice));
            }
            return null;
        });
    }

    /** Deliveries not yet done: pending, being sent, or failed and to be retried. */
    public int waiting() throws SQLException {
        try (ResultSet rs = statements.query(SQL.statement("waiting"), Params.none())) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    public Directory directory() throws SQLException {
        java.util.Map<String, List<String>> userDevices = new java.util.HashMap<>();
        java.util.Map<String, List<String>> staffDevices = new java.util.HashMap<>();
        try (ResultSet rs = statements.query(SQL.statement("push_devices"), Params.none())) {
            while (rs.next()) {
                if (rs.getString("username") != null) {
                    userDevices.computeIfAbsent(rs.getString("username"), k -> new ArrayList<>()).add(rs.getString("id"));
                } else {
                    staffDevices.computeIfAbsent(rs.getString("staff_site"), k -> new ArrayList<>()).add(rs.getString("id"));
                }
            }
        }
        List<Directory.Member> members = new ArrayList<>();
        try (ResultSet rs = statements.query(SQL.statement("directory_members"), Params.none())) {
            while (rs.next()) {
                members.add(new Directory.Member(rs.getString("username"), Role.valueOf(rs.getString("role")),
                        rs.getString("site"), rs.getInt("disabled") == 1, rs.getString("email"), rs.getString("phone"),
                        userDevices.getOrDefault(rs.getString("username"), List.of())));
            }
        }
        return new Directory(members, staffDevices);
    }

    private static List<Notice> notices(PreparedStatement ps) throws SQLException {
        List<Notice> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(notice(rs, "id"));
            }
        }
        return out;
    }

    private static Notice notice(ResultSet rs, String idColumn) throws SQLException {
        return new Notice(rs.getLong(idColumn), rs.getString("incident"), rs.getString("site"),
                NoticeKind.valueOf(rs.getString("kind")), rs.getString("incident_kind"), rs.getInt("drill") == 1,
                rs.getString("panel"), Instant.parse(rs.getString("at")));
    }

    @Override
    public void close() throws SQLException {
        try {
            statements.close();
        } finally {
            db.close();
        }
    }
}
