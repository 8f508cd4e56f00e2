package se.vaktpost.hub.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import se.vaktpost.hub.accounts.AccountStore;
import se.vaktpost.hub.accounts.LoginLimiter;
import se.vaktpost.hub.accounts.Passwords;
import se.vaktpost.hub.accounts.User;

/** Sign in and out, and the gate in front of every other /api route. */
final class AuthRoutes {
    static final String USER = "vaktpost.user";
    private static final String VIA = "vaktpost.via";
    private static final String SESSION_KEY = "username";
    private final Vertx vertx;
    private final AccountStore accounts;
    private final LoginLimiter limiter;

    AuthRoutes(Vertx vertx, AccountStore accounts, LoginLimiter limiter) {
        this.vertx = vertx;
        this.accounts = accounts;
        this.limiter = limiter;
    }

    void mount(Router r) {
        r.get("/api/session").handler(this::session);
        r.post("/api/login").handler(this::login);
        r.post("/api/logout").handler(this::logout);
        r.route("/api/*").handler(this::requireUser);
    }

    static User user(RoutingContext ctx) {
        return ctx.get(USER);
    }

    /** Audits an act of the signed-in user (or token), with where the request came from. */
    static void audit(AccountStore accounts, RoutingContext ctx, String action, String target, String detail)
            throws java.sql.SQLException {
        accounts.audit(user(ctx).username(), action, target, detail, remote(ctx), Instant.now());
    }

    /** Where a request came from, for the audit log; names the API token when one was used. */
    static String remote(RoutingContext ctx) {
        String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        String via = ctx.get(VIA);
        return via == null ? address : address + " via " + via;
    }

    /** Who is signed in (or null); a GET, so it also hands the browser its CSRF cookie. */
    private void session(RoutingContext ctx) {
        String name = ctx.session() == null ? null : ctx.session().get(SESSION_KEY);
        Replies.blocking(vertx, ctx, () -> {
            User u = name == null ? null : accounts.find(name).map(AccountStore.Login::user)
                    .filter(x -> !x.disabled()).orElse(null);
            return new JsonObject().put("user", u == null ? null : describe(u));
        });
    }

    private void login(RoutingContext ctx) {
        if (ctx.session() == null) {
            Replies.error(ctx, 400, "sign-in is for browsers; an API token needs no sign-in");
            return;
        }
        String remote = remote(ctx);
        Replies.blocking(vertx, ctx, () -> {
            JsonObject body = Replies.body(ctx);
            String username = Replies.text(body, "username", 64);
            String password = Replies.text(body, "password", 256);
            if (!limiter.allowed(username, remote)) {
                accounts.audit(username, "LOGIN_REFUSED", null, "rate limited", remote, Instant.now());
                throw new Replies.ClientError(429, "too many failed sign-ins; wait a few minutes");
            }
            var login = accounts.find(username).filter(l -> !l.user().disabled())
                    .filter(l -> Passwords.matches(password, l.passwordHash()));
            if (login.isEmpty()) {
                limiter.failed(username, remote);
                accounts.audit(username, "LOGIN_FAILED", null, null, remote, Instant.now());
                throw new Replies.ClientError(401, "wrong user name or password");
            }
            limiter.succeeded(username);
            ctx.session().regenerateId();
            ctx.session().put(SESSION_KEY, username);
            accounts.audit(username, "LOGIN", null, null, remote, Instant.now());
            return new JsonObject().put("user", describe(login.get().user()));
        });
    }

    private void logout(RoutingContext ctx) {
        if (ctx.session() == null) {
            Replies.error(ctx, 400, "an API token has no session to end; revoke the token instead");
            return;
        }
        String name = ctx.session().get(SESSION_KEY);
        ctx.session().destroy();
        Replies.blocking(vertx, ctx, () -> {
            if (name != null) {
                accounts.audit(name, "LOGOUT", null, null, remote(ctx), Instant.now());
            }
            return new JsonObject().put("ok", true);
        });
    }

    /** The API token of an {@code Authorization: Bearer} header, or null. */
    static String bearer(RoutingContext ctx) {
        String h = ctx.request().getHeader("Authorization");
        return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : null;
    }

    /** Loads the signed-in user (or the token's user) for every request, so a disabled account stops at once. */
    private void requireUser(RoutingContext ctx) {
        String token = bearer(ctx);
        if (token != null) {
            vertx.executeBlocking(() -> accounts.tokenUser(token, Instant.now())).onComplete(res -> {
                var t = res.succeeded() ? res.result().filter(x -> !x.user().disabled()) : null;
                if (t == null || t.isEmpty()) {
                    Replies.error(ctx, 401, "unknown or revoked API token");
                } else {
                    ctx.put(USER, t.get().user());
                    ctx.put(VIA, "token '" + t.get().tokenName() + "'");
                    ctx.next();
                }
            });
            return;
        }
        String name = ctx.session() == null ? null : ctx.session().get(SESSION_KEY);
        if (name == null) {
            Replies.error(ctx, 401, "sign in first");
            return;
        }
        vertx.executeBlocking(() -> accounts.find(name)).onComplete(res -> {
            var user = res.succeeded() ? res.result().map(AccountStore.Login::user).filter(u -> !u.disabled()) : null;
            if (user == null || user.isEmpty()) {
                Replies.error(ctx, 401, "sign in first");
            } else {
                ctx.put(USER, user.get());
                ctx.next();
            }
        });
    }

    static JsonObject describe(User u) {
        return new JsonObject().put("username", u.username()).put("role", u.role().name()).put("site", u.site());
    }
}
