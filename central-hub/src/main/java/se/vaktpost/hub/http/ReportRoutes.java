package se.vaktpost.hub.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import se.vaktpost.hub.accounts.AccountStore;
import se.vaktpost.hub.accounts.Action;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.hub.accounts.User;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.hub.report.ActionPlanItem;
import se.vaktpost.hub.report.ReportPeriod;
import se.vaktpost.hub.report.ReportStore;
import se.vaktpost.hub.report.Reports;

/** The weekly and yearly reports, and the action plan administration fills in for the yearly one. */
final class ReportRoutes {
    private final Vertx vertx;
    private final Reports reports;
    private final ReportStore store;
    private final SiteRegistry registry;
    private final AccountStore accounts;

    ReportRoutes(Vertx vertx, Reports reports, ReportStore store, SiteRegistry registry, AccountStore accounts) {
        this.vertx = vertx;
        this.reports = reports;
        this.store = store;
        this.registry = registry;
        this.accounts = accounts;
    }

    void mount(Router r) {
        r.get("/api/reports/yearly").handler(ctx -> report(ctx, Reports.Kind.YEARLY));
        r.get("/api/reports/weekly").handler(ctx -> report(ctx, Reports.Kind.WEEKLY));
        r.get("/api/action-plan").handler(ctx -> Replies.blocking(vertx, ctx, () -> {
            User u = AuthRoutes.user(ctx);
            List<String> sites = u.role() == Role.RECEPTION ? List.of(u.site()) : null;
            return new JsonArray(store.plan(year(ctx.queryParams().get("year")), sites).stream()
                    .map(JsonObject::mapFrom).toList());
        }));
        r.post("/api/action-plan").handler(ctx -> Replies.blocking(vertx, ctx, () -> {
            ActionPlanItem item = item(ctx, 0);
            long id = store.addToPlan(item, AuthRoutes.user(ctx).username(), Instant.now());
            AuthRoutes.audit(accounts, ctx, "PLAN_ADD", String.valueOf(id), item.year() + " " + item.focusArea());
            return JsonObject.mapFrom(store.planItem(id).orElseThrow());
        }));
        r.post("/api/action-plan/:id").handler(ctx -> Replies.blocking(vertx, ctx, () -> {
            long id = existing(ctx).id();
            ActionPlanItem item = item(ctx, id);
            store.updatePlan(item, AuthRoutes.user(ctx).username(), Instant.now());
            AuthRoutes.audit(accounts, ctx, "PLAN_UPDATE", String.valueOf(id), null);
            return JsonObject.mapFrom(store.planItem(id).orElseThrow());
        }));
        r.delete("/api/action-plan/:id").handler(ctx -> Replies.blocking(vertx, ctx, () -> {
            long id = existing(ctx).id();
            store.removeFromPlan(id);
            AuthRoutes.audit(accounts, ctx, "PLAN_REMOVE", String.valueOf(id), null);
            return new JsonObject().put("removed", id);
        }));
    }

    private void report(RoutingContext ctx, Reports.Kind kind) {
        Replies.file(vertx, ctx, () -> {
            var q = ctx.queryParams();
            List<String> sites = sites(ctx, q.getAll("site"));
            Reports.Format format = Reports.Format.parse(q.get("format"));
            LocalDate lastDay = kind == Reports.Kind.WEEKLY ? weekEnding(q.get("weekEnding")) : null;
            int year = kind == Reports.Kind.YEARLY ? year(q.get("year")) : lastDay.getYear();
            Reports.Output out = reports.produce(new Reports.Request(kind, year, lastDay, sites, format, q.get("lang"),
                    q.get("table")));
            // Who exported what: reports hold no names, but they are still the organisation's data.
            AuthRoutes.audit(accounts, ctx, "REPORT", kind + " " + (lastDay != null ? lastDay : year) + " " + format,
                    sites.isEmpty() ? "all sites" : String.join(",", sites));
            return new Replies.File(out.body(), out.contentType(), out.fileName(), format == Reports.Format.HTML);
        });
    }

    /** The sites asked for, each visible to the user; a reception user's own site when none is named. */
    private List<String> sites(RoutingContext ctx, List<String> asked) {
        User u = AuthRoutes.user(ctx);
        List<String> sites = asked.isEmpty() && u.role() == Role.RECEPTION ? List.of(u.site()) : asked;
        for (String s : sites) {
            if (registry.site(s).isEmpty() || !u.canSee(s)) {
                throw Replies.notFound("unknown site '" + s + "'");
            }
            if (!u.may(Action.REPORT, s)) {
                throw Replies.forbidden("your role may not produce reports");
            }
        }
        if (sites.isEmpty() && !u.may(Action.REPORT, null)) {
            throw Replies.forbidden("your role may not produce reports for the whole organisation");
        }
        return sites;
    }

    private ActionPlanItem item(RoutingContext ctx, long id) {
        JsonObject b = Replies.body(ctx);
        String site = b.getString("site");
        if (site != null && site.isBlank()) {
            site = null;
        }
        if (site != null && registry.site(site).isEmpty()) {
            throw Replies.badRequest("unknown site '" + site + "'");
        }
        if (!AuthRoutes.user(ctx).may(Action.PLAN, site)) {
            throw Replies.forbidden("only administration fills in the action plan");
        }
        Object year = b.getValue("year");
        if (!(year instanceof Number n)) {
            throw Replies.badRequest("field 'year' must be a number, e.g. 2026");
        }
        return new ActionPlanItem(id, n.intValue(), site, b.getString("focusArea"), b.getString("activity"),
                b.getString("goal"), b.getString("followUp"));
    }

    private ActionPlanItem existing(RoutingContext ctx) throws java.sql.SQLException {
        long id = Replies.wholeNumber(ctx.pathParam("id"), "the plan row id");
        ActionPlanItem item = store.planItem(id).orElseThrow(() -> Replies.notFound("no action-plan row " + id));
        if (!AuthRoutes.user(ctx).may(Action.PLAN, item.site())) {
            throw Replies.forbidden("only administration fills in the action plan");
        }
        return item;
    }

    private static int year(String text) {
        if (text == null) {
            throw Replies.badRequest("give the report's year, e.g. year=2025");
        }
        long y = Replies.wholeNumber(text, "year");
        if (y < 2000 || y > 2100) {
            throw Replies.badRequest("year must be a calendar year, e.g. 2025");
        }
        return (int) y;
    }

    private LocalDate weekEnding(String text) {
        if (text == null) {
            return ReportPeriod.latestFriday(LocalDate.now(reports.zone()));
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw Replies.badRequest("weekEnding must be a date, yyyy-mm-dd");
        }
    }
}
