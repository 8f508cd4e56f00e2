package se.vaktpost.hub.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import se.vaktpost.hub.accounts.AccountStore;
import se.vaktpost.hub.accounts.Action;
import se.vaktpost.hub.accounts.User;
import se.vaktpost.hub.incidentlog.CaseStatus;
import se.vaktpost.hub.incidentlog.Category;
import se.vaktpost.hub.core.Command;
import se.vaktpost.hub.core.HubCore;
import se.vaktpost.hub.lockdown.Decision;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.hub.report.Texts;
import se.vaktpost.hub.store.HubQueries;
import se.vaktpost.hub.store.HubStore;

/**
 * Acts a signed-in user may take: lockdown and drill, all-clear, acknowledge, notes. Each is
 * checked against the user's role and site on the server, run on the hub's core (the single
 * writer; nothing waits for it) and written to the audit log.
 */
final class ActionRoutes {
    private static final int NOTE_MAX = 2000;
    private final Vertx vertx;
    private final SiteRegistry registry;
    private final HubCore core;
    private final AccountStore accounts;
    private final HubQueries queries;

    ActionRoutes(Vertx vertx, SiteRegistry registry, HubCore core, AccountStore accounts, HubQueries queries) {
        this.vertx = vertx;
        this.registry = registry;
        this.core = core;
        this.accounts = accounts;
        this.queries = queries;
    }

    void mount(Router r) {
        r.post("/api/sites/:site/lockdown").handler(this::lockdown);
        r.post("/api/sites/:site/all-clear").handler(this::allClear);
        r.post("/api/incidents/:id/acknowledge").handler(this::acknowledge);
        r.post("/api/incidents/:id/notes").handler(this::addNote);
        r.get("/api/incidents/:id/notes").handler(ctx -> Replies.blocking(vertx, ctx, () -> new JsonArray(
                queries.notes(visibleIncident(ctx, ctx.pathParam("id"))).stream().map(JsonObject::mapFrom).toList())));
        r.get("/api/incidents/:id/notifications").handler(ctx -> Replies.blocking(vertx, ctx, () -> {
            String id = visibleIncident(ctx, ctx.pathParam("id"));
            // who was told is the security unit's business, not the school's (a silent alarm tells nobody there)
            require(ctx, Action.ACKNOWLEDGE, queries.incident(id).orElseThrow().site());
            return new JsonArray(queries.deliveries(id).stream().map(JsonObject::mapFrom).toList());
        }));
        r.get("/api/config").handler(ctx -> Replies.json(ctx, 200, config().encode()));
        r.get("/api/incidents/:id/checklist").handler(ctx -> Replies.blocking(vertx, ctx, () -> checklist(ctx)));
        r.post("/api/incidents/:id/checklist/:item").handler(this::tick);
    }

    /** Settings and the log's vocabulary in both languages, so the web view never hard-codes them. */
    private JsonObject config() {
        JsonArray categories = new JsonArray();
        for (Category c : Category.values()) {
            categories.add(new JsonObject().put("id", c.name()).put("sv", c.label(Texts.SWEDISH)).put("en", c.label(Locale.ENGLISH))
                    .put("manual", !c.raisedByPanel()));
        }
        JsonArray statuses = new JsonArray();
        for (CaseStatus st : CaseStatus.values()) {
            statuses.add(new JsonObject().put("id", st.name()).put("sv", st.label(Texts.SWEDISH)).put("en", st.label(Locale.ENGLISH)));
        }
        return new JsonObject().put("acknowledgeWithinSeconds", registry.settings().acknowledgeWithinSeconds())
                .put("categories", categories).put("statuses", statuses);
    }

    private void lockdown(RoutingContext ctx) {
        Replies.afterCore(vertx, ctx, () -> {
            String site = visibleSite(ctx);
            require(ctx, drill(ctx) ? Action.DRILL : Action.LOCKDOWN, site);
            return core.submit(new Command.Lockdown(site, drill(ctx)));
        }, d -> {
            String site = ctx.pathParam("site");
            if (d.verdict() == Decision.Verdict.REFUSED) {
                AuthRoutes.audit(accounts, ctx, "DRILL_REFUSED", site, "a real lockdown is active");
                throw Replies.conflict("a real lockdown is active at " + site + "; a drill cannot start on top of it");
            }
            AuthRoutes.audit(accounts, ctx, drill(ctx) ? "DRILL_START" : "LOCKDOWN", site, "incident " + d.incident());
            return outcome(d);
        });
    }

    private static boolean drill(RoutingContext ctx) {
        return Replies.body(ctx).getValue("drill") instanceof Boolean b && b;
    }

    private void allClear(RoutingContext ctx) {
        Replies.afterCore(vertx, ctx, () -> {
            String site = visibleSite(ctx);
            require(ctx, Action.ALL_CLEAR, site);
            return core.submit(new Command.AllClear(site));
        }, d -> {
            AuthRoutes.audit(accounts, ctx, "ALL_CLEAR", ctx.pathParam("site"),
                    d.incident() == null ? "no lockdown was active" : "incident " + d.incident());
            return outcome(d);
        });
    }

    private void acknowledge(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        User user = AuthRoutes.user(ctx);
        Replies.afterCore(vertx, ctx, () -> core.submit(new Command.Acknowledge(id, user.username(),
                s -> user.may(Action.ACKNOWLEDGE, s))), result -> {
                    if (result.isEmpty()) {
                        visibleIncident(ctx, id);
                        throw Replies.forbidden("your role may not acknowledge incidents");
                    }
                    AuthRoutes.audit(accounts, ctx, "ACKNOWLEDGE", id, result.get() ? null : "already acknowledged");
                    return new JsonObject().put("incident", id).put("acknowledged", true).put("first", result.get());
                });
    }

    private void addNote(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        User user = AuthRoutes.user(ctx);
        Replies.afterCore(vertx, ctx, () -> {
            String text = Replies.text(Replies.body(ctx), "text", NOTE_MAX);
            return core.submit(new Command.Note(id, user.username(), text, s -> user.may(Action.NOTE, s)));
        }, added -> {
            if (!added) {
                visibleIncident(ctx, id);
                throw Replies.forbidden("your role may not add notes");
            }
            AuthRoutes.audit(accounts, ctx, "NOTE", id, Replies.body(ctx).getString("text").length() + " characters");
            return new JsonObject().put("incident", id).put("noted", true);
        });
    }

    /** The configured items of the incident's kind, each with who ticked it and when. */
    private JsonArray checklist(RoutingContext ctx) throws Exception {
        String id = visibleIncident(ctx, ctx.pathParam("id"));
        String kind = queries.incident(id).orElseThrow().kind();
        var ticks = queries.ticks(id);
        JsonArray out = new JsonArray();
        var items = registry.settings().checklist(kind);
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            var tick = ticks.stream().filter(t -> t.item() == index).findFirst();
            out.add(new JsonObject().put("index", i).put("text", items.get(i))
                    .put("doneAt", tick.map(HubQueries.TickRow::at).orElse(null))
                    .put("doneBy", tick.map(HubQueries.TickRow::by).orElse(null)));
        }
        return out;
    }

    private void tick(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        User user = AuthRoutes.user(ctx);
        Replies.afterCore(vertx, ctx, () -> core.submit(new Command.Tick(id, item(ctx), user.username(),
                s -> user.may(Action.CHECKLIST, s))), result -> {
                    if (result.isEmpty()) {
                        visibleIncident(ctx, id);
                        throw Replies.forbidden("your role may not tick checklists");
                    }
                    AuthRoutes.audit(accounts, ctx, "CHECKLIST", id, "item " + item(ctx) + (result.get() ? "" : " (already ticked)"));
                    return new JsonObject().put("incident", id).put("item", item(ctx)).put("first", result.get());
                });
    }

    private static int item(RoutingContext ctx) {
        return (int) Math.min(Integer.MAX_VALUE, Replies.wholeNumber(ctx.pathParam("item"), "the checklist item"));
    }

    /** The path's site when it exists and the user may see it; otherwise 404, so nothing leaks. */
    private String visibleSite(RoutingContext ctx) {
        String site = ctx.pathParam("site");
        if (registry.site(site).isEmpty() || !AuthRoutes.user(ctx).canSee(site)) {
            throw Replies.notFound("unknown site '" + site + "'");
        }
        return site;
    }

    private String visibleIncident(RoutingContext ctx, String id) throws Exception {
        var site = queries.incident(id).map(HubStore.IncidentRef::site).filter(AuthRoutes.user(ctx)::canSee);
        if (site.isEmpty()) {
            throw Replies.notFound("unknown incident '" + id + "'");
        }
        return id;
    }

    private static void require(RoutingContext ctx, Action action, String site) {
        if (!AuthRoutes.user(ctx).may(action, site)) {
            throw Replies.forbidden("your role may not " + action.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                    + " at " + site);
        }
    }


    private static JsonObject outcome(Decision d) {
        return new JsonObject().put("incident", d.incident()).put("change", d.change().name())
                .put("mode", d.next() instanceof se.vaktpost.hub.lockdown.SiteMode.Lockdown ? "LOCKDOWN" : "NORMAL")
                .put("version", d.next().version()).put("interruptedDrill", d.interruptedDrill());
    }
}
