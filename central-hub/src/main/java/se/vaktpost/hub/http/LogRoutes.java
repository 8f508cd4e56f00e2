package se.vaktpost.hub.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import se.vaktpost.hub.accounts.AccountStore;
import se.vaktpost.hub.accounts.Action;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.hub.accounts.User;
import se.vaktpost.hub.incidentlog.CaseStatus;
import se.vaktpost.hub.incidentlog.CaseUpdate;
import se.vaktpost.hub.incidentlog.Category;
import se.vaktpost.hub.incidentlog.IncidentLogStore;
import se.vaktpost.hub.incidentlog.LadderStep;
import se.vaktpost.hub.incidentlog.LogCsv;
import se.vaktpost.hub.incidentlog.LogEntry;
import se.vaktpost.hub.incidentlog.LogFilter;
import se.vaktpost.hub.incidentlog.NewIncident;
import se.vaktpost.hub.registry.SiteRegistry;

/** The incident log: register, search, follow up, export. People's details have routes of their own. */
final class LogRoutes {
    private final Vertx vertx;
    private final IncidentLogStore log;
    private final SiteRegistry registry;
    private final AccountStore accounts;

    LogRoutes(Vertx vertx, IncidentLogStore log, SiteRegistry registry, AccountStore accounts) {
        this.vertx = vertx;
        this.log = log;
        this.registry = registry;
        this.accounts = accounts;
    }

    void mount(Router r) {
        r.get("/api/log.csv").handler(this::csv);
        r.get("/api/log").handler(ctx -> Replies.blocking(vertx, ctx, () -> new JsonArray(
                log.search(filter(ctx)).stream().map(JsonObject::mapFrom).toList())));
        r.post("/api/log").handler(this::register);
        r.get("/api/log/:id").handler(ctx -> Replies.blocking(vertx, ctx, () -> JsonObject.mapFrom(visible(ctx))));
        r.post("/api/log/:id").handler(this::update);
        r.get("/api/log/:id/people").handler(ctx -> Replies.blocking(vertx, ctx, () -> {
            LogEntry e = allowed(ctx, Action.PERSONAL_DATA);
            return new JsonArray(log.people(e.id()).stream().map(JsonObject::mapFrom).toList());
        }));
        r.post("/api/log/:id/people").handler(this::addPerson);
    }

    private void register(RoutingContext ctx) {
        Replies.blocking(vertx, ctx, () -> {
            JsonObject b = Replies.body(ctx);
            String site = Replies.text(b, "site", 64);
            if (registry.site(site).isEmpty() || !AuthRoutes.user(ctx).canSee(site)) {
                throw Replies.notFound("unknown site '" + site + "'");
            }
            if (!AuthRoutes.user(ctx).may(Action.REGISTER, site)) {
                throw Replies.forbidden("your role may not register incidents");
            }
            Set<String> themes = new HashSet<>();
            JsonArray t = b.getValue("themes") instanceof JsonArray a ? a : new JsonArray();
            t.forEach(x -> themes.add(String.valueOf(x)));
            NewIncident n = new NewIncident(site, Category.parse(Replies.text(b, "category", 40)),
                    integer(b, "severity", 2), b.getValue("at") == null ? Instant.now() : instant(b.getString("at")),
                    Replies.text(b, "description", NewIncident.DESCRIPTION_MAX), themes,
                    b.getValue("step") == null ? null : LadderStep.of(integer(b, "step", 1)), date(b.getString("followUpOn")));
            String id = log.register(n, AuthRoutes.user(ctx).username());
            AuthRoutes.audit(accounts, ctx, "INCIDENT_REGISTER", id, n.category() + " at " + site);
            return JsonObject.mapFrom(log.entry(id).orElseThrow());
        });
    }

    private void update(RoutingContext ctx) {
        Replies.blocking(vertx, ctx, () -> {
            LogEntry e = allowed(ctx, Action.HANDLE_CASE);
            JsonObject b = Replies.body(ctx);
            CaseUpdate u = new CaseUpdate(b.getValue("status") == null ? null : CaseStatus.parse(b.getString("status")),
                    b.getValue("step") == null ? null : LadderStep.of(integer(b, "step", 1)),
                    date(b.getString("followUpOn")), b.getString("measures"));
            LogEntry after = log.update(e.id(), u, Instant.now()).orElseThrow();
            AuthRoutes.audit(accounts, ctx, "INCIDENT_UPDATE", e.id(), "status " + after.status() + ", step " + after.ladderStep());
            return JsonObject.mapFrom(after);
        });
    }

    private void addPerson(RoutingContext ctx) {
        Replies.blocking(vertx, ctx, () -> {
            LogEntry e = allowed(ctx, Action.PERSONAL_DATA);
            JsonObject b = Replies.body(ctx);
            log.addPerson(e.id(), Replies.text(b, "name", 200), Replies.text(b, "part", 100),
                    b.getValue("note") == null ? null : Replies.text(b, "note", 2000), AuthRoutes.user(ctx).username(),
                    Instant.now());
            AuthRoutes.audit(accounts, ctx, "PERSON_ADD", e.id(), null);
            return new JsonObject().put("incident", e.id()).put("added", true);
        });
    }

    /** Exports what the filter finds; the export itself is audited (who exported what). */
    private void csv(RoutingContext ctx) {
        Replies.file(vertx, ctx, () -> {
            LogFilter f = filter(ctx);
            String body = LogCsv.write(log.search(f), locale(ctx));
            AuthRoutes.audit(accounts, ctx, "EXPORT_CSV", f.site() == null ? "all sites" : f.site(), ctx.request().query());
            return new Replies.File(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv; charset=utf-8",
                    "vaktpost-handelser.csv", false);
        });
    }

    private LogFilter filter(RoutingContext ctx) {
        var q = ctx.queryParams();
        User u = AuthRoutes.user(ctx);
        String site = q.get("site");
        if (site != null && (registry.site(site).isEmpty() || !u.canSee(site))) {
            throw Replies.notFound("unknown site '" + site + "'");
        }
        if (site == null && u.role() == Role.RECEPTION) {
            site = u.site();
        }
        return new LogFilter(site, date(q.get("from")), date(q.get("to")),
                q.get("category") == null ? null : Category.parse(q.get("category")),
                q.get("status") == null ? null : CaseStatus.parse(q.get("status")), q.get("theme"),
                "true".equals(q.get("overdue")) ? LocalDate.now(log.zone()) : null,
                q.get("limit") == null ? 500 : (int) Math.min(Integer.MAX_VALUE, Replies.wholeNumber(q.get("limit"), "limit")));
    }

    private LogEntry visible(RoutingContext ctx) throws Exception {
        String id = ctx.pathParam("id");
        return log.entry(id).filter(e -> AuthRoutes.user(ctx).canSee(e.site()))
                .orElseThrow(() -> Replies.notFound("unknown incident '" + id + "'"));
    }

    private LogEntry allowed(RoutingContext ctx, Action action) throws Exception {
        LogEntry e = visible(ctx);
        if (!AuthRoutes.user(ctx).may(action, e.site())) {
            throw Replies.forbidden("your role may not " + (action == Action.PERSONAL_DATA
                    ? "see or add personal details" : "handle incidents"));
        }
        return e;
    }


    private static Locale locale(RoutingContext ctx) {
        return "en".equals(ctx.queryParams().get("lang")) ? Locale.ENGLISH : se.vaktpost.hub.report.Texts.SWEDISH;
    }

    private static int integer(JsonObject b, String field, int otherwise) {
        Object v = b.getValue(field);
        if (v == null) {
            return otherwise;
        }
        if (v instanceof Integer i) {
            return i;
        }
        throw Replies.badRequest("field '" + field + "' must be a whole number");
    }


    private static LocalDate date(String v) {
        try {
            return v == null ? null : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw Replies.badRequest("'" + v + "' is not a date like 2026-11-20");
        }
    }

    private static Instant instant(String v) {
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw Replies.badRequest("'" + v + "' is not a time like 2026-11-20T09:30:00Z");
        }
    }
}
