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
    /** A digest of the password hash at sign-in: a password change (or a new hash) ends the session. */
    private static final String SESSION_CREDENTIAL = "credential";
    /** What the request's sign-in still has to match: a session's credential digest, or an API token. */
    static final String PROOF = "vaktpost.proof";
    private final Vertx vertx;
    private final AccountStore accounts;
    private final LoginLimiter limiter;
    private final io.vertx.ext.web.handler.SessionHandler sessions;

    AuthRoutes(Vertx vertx, AccountStore accounts, LoginLimiter limiter, io.vertx.ext.web.handler.SessionHandler sessions) {
        this.vertx = vertx;
        this.sessions = sessions;
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
        String resolved = ctx.get(ClientAddress.KEY);
        String address = resolved != null ? resolved
                : ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
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
        vertx.executeBlocking(() -> {
            JsonObject body = Replies.body(ctx);
            String username = Replies.text(body, "username", 64);
            String password = Replies.text(body, "password", 256);
            var known = accounts.find(username);
            // what a stranger typed as the name is never stored: it may be a password typed in the wrong field
            String actor = known.isPresent() ? username : "(unknown name)";
            if (!limiter.allowed(username, remote)) {
                accounts.audit(actor, "LOGIN_REFUSED", null, "rate limited", remote, Instant.now());
                throw new Replies.ClientError(429, "too many failed sign-ins; wait a few minutes");
            }
            var login = known.filter(l -> !l.user().disabled()).filter(l -> Passwords.matches(password, l.passwordHash()));
            if (login.isEmpty()) {
                limiter.failed(username, remote);
                accounts.audit(actor, "LOGIN_FAILED", null, null, remote, Instant.now());
                throw new Replies.ClientError(401, "wrong user name or password");
            }
            limiter.succeeded(username);
            ctx.session().regenerateId();
            ctx.session().put(SESSION_KEY, username);
            ctx.session().put(SESSION_CREDENTIAL, credential(login.get().passwordHash()));
            accounts.audit(username, "LOGIN", null, null, remote, Instant.now());
            return new JsonObject().put("user", describe(login.get().user()));
        }).onComplete(res -> {
            if (res.failed()) {
                Replies.fail(ctx, res.cause());
                return;
            }
            // stored before the answer: the browser's next request must find the signed-in session
            sessions.flush(ctx).onComplete(f -> {
                if (f.succeeded()) {
                    Replies.json(ctx, 200, res.result().encode());
                } else {
                    Replies.fail(ctx, f.cause());
                }
            });
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
                    ctx.put(PROOF, new Proof(null, null, token));
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
        String credential = ctx.session().get(SESSION_CREDENTIAL);
        vertx.executeBlocking(() -> accounts.find(name)).onComplete(res -> {
            var login = res.succeeded() ? res.result().filter(l -> !l.user().disabled()) : null;
            if (login == null || login.isEmpty()) {
                Replies.error(ctx, 401, "sign in first");
            } else if (!credential(login.get().passwordHash()).equals(credential)) {
                // the password changed since this sign-in: every session of the user ends with it
                ctx.session().destroy();
                Replies.error(ctx, 401, "the password was changed; sign in again");
            } else {
                ctx.put(USER, login.get().user());
                ctx.put(PROOF, new Proof(name, credential, null));
                ctx.next();
            }
        });
    }

    /** What a long-lived request (the live stream) checks again and again: it ends when this no longer holds. */
    record Proof(String username, String credential, String token) {
        boolean stillHolds(AccountStore accounts) throws java.sql.SQLException {
            if (token != null) {
                return accounts.tokenUser(token, Instant.now()).filter(t -> !t.user().disabled()).isPresent();
            }
            return accounts.find(username).filter(l -> !l.user().disabled())
                    .filter(l -> AuthRoutes.credential(l.passwordHash()).equals(credential)).isPresent();
        }
    }

    /** A digest of a password hash, kept in the session instead of the hash itself. */
    static String credential(String passwordHash) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(passwordHash.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static JsonObject describe(User u) {
        return new JsonObject().put("username", u.username()).put("role", u.role().name()).put("site", u.site());
    }
}
