package se.vaktpost.hub.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CSRFHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import se.vaktpost.hub.accounts.AccountStore;
import se.vaktpost.hub.accounts.LoginLimiter;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.hub.accounts.User;
import se.vaktpost.hub.core.CoreView;
import se.vaktpost.hub.core.HubCore;
import se.vaktpost.hub.metrics.MicrometerHubMetrics;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.hub.store.HubQueries;
import se.vaktpost.storage.SqliteDatabase;

/**
 * The hub's HTTP surface. {@code /health} and {@code /metrics} are open; everything under
 * {@code /api} needs a session, and state-changing requests need the CSRF header.
 */
public final class HttpApi {
    /** A shift's length: sessions and their CSRF tokens. */
    static final long SESSION_MS = 8L * 3600 * 1000;
    static final String SESSION_COOKIE = "vaktpost.session";
    private static final int MAX_LIMIT = 1000;

    /** What the routes need from the rest of the hub. */
    public record Deps(Vertx vertx, SiteRegistry registry, HubQueries queries, MicrometerHubMetrics metrics,
                       CoreView view, BooleanSupplier mqttConnected, AccountStore accounts, LoginLimiter limiter,
                       HubCore core, SqliteDatabase database, Tls tls,
                       se.vaktpost.hub.incidentlog.IncidentLogStore log, se.vaktpost.hub.report.Reports reports,
                       se.vaktpost.hub.report.ReportStore reportStore, List<String> trustedProxies,
                       se.vaktpost.hub.secondfactor.SecondFactors factors,
                       se.vaktpost.hub.secondfactor.Passkeys passkeys,
                       se.vaktpost.hub.notify.Notifications notifications, se.vaktpost.protocol.BuildInfo build) {
        public Deps {
            trustedProxies = List.copyOf(trustedProxies);
        }
    }

    /** HTTPS with a PKCS#12 key store; null in {@link Deps} means plain HTTP (behind a TLS proxy, or a demo). */
    public record Tls(Path keystore, String password) {
    }

    private final Deps d;
    private final LiveSiteView sites;

    public HttpApi(Deps deps) {
        this.d = deps;
        this.sites = new LiveSiteView(deps.registry(), deps.view());
    }

    public Future<HttpServer> listen(String host, int port) throws java.sql.SQLException {
        Router r = Router.router(d.vertx());
        boolean https = d.tls() != null;
        List<ClientAddress.Cidr> proxies = d.trustedProxies().stream().map(ClientAddress.Cidr::parse).toList();
        r.route().handler(ctx -> ClientAddress.resolve(ctx, proxies));
        r.route().handler(ctx -> SecurityHeaders.add(ctx, https));
        r.route().handler(this::timed);
        r.get("/health").handler(this::health);
        r.get("/health/ready").handler(this::health);
        r.get("/health/live").handler(this::live);
        // rendered on a worker: at 10,000 panels a full scrape is tens of thousands of lines, and the
        // event loop serves the live view and the API meanwhile
        r.get("/metrics").handler(ctx -> {
            java.util.Set<String> names = java.util.Set.copyOf(ctx.queryParam("name[]"));
            d.vertx().executeBlocking(() -> d.metrics().scrape(names), false).onComplete(text -> {
                if (text.succeeded()) {
                    ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(text.result());
                } else {
                    ctx.fail(text.cause());
                }
            });
        });
        r.get("/api/openapi.yaml").handler(ctx -> ctx.response().putHeader("content-type", "application/yaml")
                .sendFile("openapi.yaml"));
        // JSON only: no file is ever written for an upload (Vert.x would keep one per multipart part)
        r.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(16 * 1024));
        // behind a trusted proxy the hub is reached over the proxy's TLS: cookies only over HTTPS then too
        boolean secure = d.tls() != null || !proxies.isEmpty();
        SessionHandler sessions = SessionHandler.create(new SqliteSessionStore(d.vertx(), d.database()))
                .setCookieHttpOnlyFlag(true).setCookieSameSite(CookieSameSite.STRICT).setCookieSecureFlag(secure)
                .setSessionCookieName(SESSION_COOKIE).setSessionTimeout(SESSION_MS);
        // The token lives as long as the session (Vert.x's default is 30 minutes: an open page's
        // all-clear would then be refused long before its 8 h session ends)
        CSRFHandler csrf = CSRFHandler.create(d.vertx(), d.accounts().key("csrf")).setCookiePath("/")
                .setCookieSecure(secure).setTimeout(SESSION_MS);
        // A request with an API token carries no cookies, so it needs neither a session nor CSRF.
        // A session only for a browser that has one or is signing in: an anonymous request leaves no
        // session row behind (the CSRF token of a visitor without a session is a signed cookie alone).
        r.route("/api/*").handler(ctx -> {
            if (AuthRoutes.bearer(ctx) == null && ctx.request().getCookie(SESSION_COOKIE) != null) {
                sessions.handle(ctx);
            } else {
                ctx.next();
            }
        });
        r.route("/api/*").handler(ctx -> {
            if (AuthRoutes.bearer(ctx) == null) {
                csrf.handle(ctx);
            } else {
                ctx.next();
            }
        });
        // signing in is where a visitor's session begins: after the CSRF check of its signed cookie
        r.post("/api/login").handler(ctx -> {
            if (ctx.session() == null) {
                sessions.handle(ctx);
            } else {
                ctx.next();
            }
        });
        StaffRoutes staff = new StaffRoutes(d.vertx(), d.notifications(), d.registry(), d.accounts());
        staff.mountPublic(r); // a school's staff page: an invitation, no account
        new AuthRoutes(d.vertx(), d.accounts(), d.limiter(), sessions, d.factors(), d.passkeys()).mount(r);
        staff.mount(r);
        r.get("/api/sites").handler(ctx -> Replies.json(ctx, 200, sites.all(AuthRoutes.user(ctx)::canSee).encode()));
        r.get("/api/sites/:site").handler(ctx -> {
            try {
                Replies.json(ctx, 200, sites.one(visible(ctx, ctx.pathParam("site"))).encode());
            } catch (Replies.ClientError e) {
                Replies.fail(ctx, e);
            }
        });
        // every row is checked against what the asker may see (a token's scope may name some sites only)
        r.get("/api/incidents").handler(ctx -> Replies.blocking(d.vertx(), ctx, () -> new JsonArray(
                d.queries().incidents(scope(ctx), limit(ctx)).stream().filter(i -> AuthRoutes.user(ctx).canSee(i.site()))
                        // a token (another system) learns that an incident was acknowledged, not by whom
                        .map(i -> AuthRoutes.user(ctx).scope() == null ? i : i.withoutNames())
                        .map(JsonObject::mapFrom).toList())));
        r.get("/api/events").handler(ctx -> Replies.blocking(d.vertx(), ctx, () -> new JsonArray(
                d.queries().events(scope(ctx), limit(ctx)).stream().filter(e -> AuthRoutes.user(ctx).canSee(e.site()))
                        .map(JsonObject::mapFrom).toList())));
        new ActionRoutes(d.vertx(), d.registry(), d.core(), d.accounts(), d.queries()).mount(r);
        new AdminRoutes(d.vertx(), d.accounts(), d.registry(), d.factors()).mount(r);
        new LogRoutes(d.vertx(), d.log(), d.registry(), d.accounts()).mount(r);
        new ReportRoutes(d.vertx(), d.reports(), d.reportStore(), d.registry(), d.accounts()).mount(r);
        new LiveRoutes(d.vertx(), d.accounts()).mount(r);
        new PushRoutes(d.vertx(), d.notifications(), d.accounts()).mount(r);
        r.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
        r.route().last().handler(ctx -> Replies.error(ctx, 404, "no such resource: " + ctx.request().path()));
        r.route().failureHandler(ctx -> {
            int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            // Our own handlers answer 403 themselves (Replies), so a failed 403 is the CSRF handler's refusal.
            if (status == 403) {
                Replies.error(ctx, 403, "missing or wrong CSRF token: send the X-XSRF-TOKEN header from the XSRF-TOKEN cookie");
            } else if (status == 413) {
                Replies.error(ctx, 413, "request body too large");
            } else if (ctx.failure() != null) {
                Replies.fail(ctx, ctx.failure());
            } else {
                Replies.error(ctx, status, "request failed");
            }
        });
        HttpServerOptions options = new HttpServerOptions();
        if (https) {
            options.setSsl(true).setKeyCertOptions(new PfxOptions().setPath(d.tls().keystore().toString())
                    .setPassword(d.tls().password()));
        }
        return d.vertx().createHttpServer(options).requestHandler(r).listen(port, host);
    }

    /**
     * Every request counted and timed by method, route template (never the concrete path: ids would
     * make a series per incident) and status, as {@code http_server_requests_seconds}.
     */
    private void timed(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addBodyEndHandler(v -> {
            io.vertx.ext.web.Route route = ctx.currentRoute();
            String template = route == null || route.getPath() == null ? "other" : route.getPath();
            d.metrics().httpRequest(ctx.request().method().name(), template, ctx.response().getStatusCode(),
                    System.nanoTime() - start);
        });
        ctx.next();
    }

    /**
     * Readiness ({@code /health/ready}, and {@code /health} as before): the database answers and the
     * alarm path is connected to the broker, so a press is recorded and its state sent. 503 otherwise.
     */
    private void health(RoutingContext ctx) {
        d.vertx().executeBlocking(d.queries()::healthy).onComplete(res -> {
            boolean db = res.succeeded() && res.result();
            boolean mqtt = d.mqttConnected().getAsBoolean();
            JsonObject body = new JsonObject().put("status", db && mqtt ? "UP" : "DEGRADED")
                    .put("database", db).put("mqtt", mqtt).put("version", d.build().describe());
            Replies.json(ctx, db && mqtt ? 200 : 503, body.encode());
        });
    }

    /**
     * Liveness: the process answers and its core still beats. A broker or database outage is not a
     * reason to restart the hub (it reconnects by itself), so only a stopped core makes this fail.
     */
    private void live(RoutingContext ctx) {
        boolean beating = d.view().coreBeating(CORE_BEAT_WITHIN);
        Replies.json(ctx, beating ? 200 : 503, new JsonObject().put("status", beating ? "UP" : "DOWN")
                .put("core", beating).put("version", d.build().describe()).encode());
    }

    /** The core beats once a second; ten missed beats mean it is stuck. */
    private static final java.time.Duration CORE_BEAT_WITHIN = java.time.Duration.ofSeconds(10);

    private String visible(RoutingContext ctx, String site) {
        if (d.registry().site(site).isEmpty() || !AuthRoutes.user(ctx).canSee(site)) {
            throw Replies.notFound("unknown site '" + site + "'");
        }
        return site;
    }

    /** The site filter of a list: a reception user always gets their own site only. */
    private String scope(RoutingContext ctx) {
        User u = AuthRoutes.user(ctx);
        String site = ctx.queryParams().get("site");
        if (site != null) {
            return visible(ctx, site);
        }
        return u.role() == Role.RECEPTION ? u.site() : null;
    }

    private static int limit(RoutingContext ctx) {
        String v = ctx.queryParams().get("limit");
        if (v == null) {
            return 100;
        }
        long n = Replies.wholeNumber(v, "limit");
        if (n >= 1 && n <= MAX_LIMIT) {
            return (int) n;
        }
        throw Replies.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
    }
}
