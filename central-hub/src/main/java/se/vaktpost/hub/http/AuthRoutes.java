package se.vaktpost.hub.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SessionHandler;
import java.time.Instant;
import se.vaktpost.hub.accounts.AccountStore;
import se.vaktpost.hub.accounts.LoginLimiter;
import se.vaktpost.hub.accounts.Passwords;
import se.vaktpost.hub.accounts.User;
import se.vaktpost.hub.secondfactor.Passkeys;
import se.vaktpost.hub.secondfactor.SecondFactors;

/** Sign in and out, and the gate in front of every other /api route. */
final class AuthRoutes {
    static final String USER = "vaktpost.user";
    private static final String VIA = "vaktpost.via";
    /** What the request's sign-in still has to match: a session's credential digest, or an API token. */
    static final String PROOF = "vaktpost.proof";
    private final Vertx vertx;
    private final AccountStore accounts;
    private final LoginLimiter limiter;
    private final SessionHandler sessions;
    private final SecondFactors factors;
    private final Passkeys passkeys;

    AuthRoutes(Vertx vertx, AccountStore accounts, LoginLimiter limiter, SessionHandler sessions,
               SecondFactors factors, Passkeys passkeys) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.accounts = accounts;
        this.limiter = limiter;
        this.factors = factors;
        this.passkeys = passkeys;
    }

    void mount(Router r) {
        r.get("/api/session").handler(this::session);
        r.post("/api/login").handler(this::login);
        r.post("/api/logout").handler(this::logout);
        new SecondFactorRoutes(vertx, accounts, limiter, sessions, factors).mount(r);
        PasskeyRoutes keys = new PasskeyRoutes(vertx, accounts, limiter, sessions, passkeys);
        keys.mountSignIn(r);
        r.route("/api/*").handler(this::requireUser);
        r.route("/api/*").handler(TokenRoutes::confine);
        keys.mountManage(r);
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

    /**
     * Who is signed in (or null), and a sign-in still waiting for its second factor; a GET, so it
     * also hands the browser its CSRF cookie.
     */
    private void session(RoutingContext ctx) {
        String name = SignInSession.username(ctx.session());
        SignInSession.Pending pending = SignInSession.pending(ctx.session(), System.currentTimeMillis());
        Replies.blocking(vertx, ctx, () -> {
            User u = name == null ? null : accounts.find(name).map(AccountStore.Login::user)
                    .filter(x -> !x.disabled()).orElse(null);
            JsonObject out = new JsonObject().put("user", u == null ? null : describe(u));
            if (u == null && pending != null) {
                out.put("pending", new JsonObject().put("username", pending.username())
                        .put("secondFactor", pending.need().name().toLowerCase(java.util.Locale.ROOT))
                        .put("passkey", !passkeys.credentialIds(pending.username()).isEmpty()));
            }
            return out;
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
            SecondFactors.Need need = factors.need(login.get().user());
            if (need != SecondFactors.Need.NONE) {
                // the password alone opens nothing: the session only waits for the second step
                SignInSession.pend(ctx.session(), login.get(), need, System.currentTimeMillis());
                return new JsonObject().putNull("user")
                        .put("secondFactor", need.name().toLowerCase(java.util.Locale.ROOT))
                        .put("passkey", !passkeys.credentialIds(username).isEmpty());
            }
            limiter.succeeded(username);
            SignInSession.complete(ctx.session(), login.get(), false);
            accounts.audit(username, "LOGIN", null, "password", remote, Instant.now());
            return new JsonObject().put("user", describe(login.get().user()));
        }).onComplete(res -> answerAfterFlush(sessions, ctx, res));
    }

    /** Stores the session before the answer: the browser's next request must find what this one signed in. */
    static void answerAfterFlush(SessionHandler sessions, RoutingContext ctx, io.vertx.core.AsyncResult<JsonObject> res) {
        if (res.failed()) {
            Replies.fail(ctx, res.cause());
            return;
        }
        sessions.flush(ctx).onComplete(f -> {
            if (f.succeeded()) {
                Replies.json(ctx, 200, res.result().encode());
            } else {
                Replies.fail(ctx, f.cause());
            }
        });
    }

    private void logout(RoutingContext ctx) {
        if (ctx.session() == null) {
            Replies.error(ctx, 400, "an API token has no session to end; revoke the token instead");
            return;
        }
        String name = SignInSession.username(ctx.session());
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
            vertx.executeBlocking(() -> accounts.token(token, Instant.now())).onComplete(res -> {
                if (res.failed()) {
                    Replies.fail(ctx, res.cause());
                } else if (res.result() instanceof AccountStore.TokenCheck.Live live && !live.user().disabled()) {
                    ctx.put(USER, live.user());
                    ctx.put(VIA, "token '" + live.tokenName() + "'");
                    ctx.put(PROOF, new Proof(null, null, token));
                    ctx.next();
                } else {
                    Replies.error(ctx, 401, TokenRoutes.refusal(res.result()));
                }
            });
            return;
        }
        String name = SignInSession.username(ctx.session());
        if (name == null) {
            boolean halfway = SignInSession.pending(ctx.session(), System.currentTimeMillis()) != null;
            Replies.error(ctx, 401, halfway ? "finish signing in: the second factor is still to come" : "sign in first");
            return;
        }
        String credential = SignInSession.credential(ctx.session());
        boolean withFactor = SignInSession.withFactor(ctx.session());
        vertx.executeBlocking(() -> accounts.find(name)).onComplete(res -> {
            var login = res.succeeded() ? res.result().filter(l -> !l.user().disabled()) : null;
            if (login == null || login.isEmpty()) {
                Replies.error(ctx, 401, "sign in first");
            } else if (!SignInSession.credential(login.get()).equals(credential)) {
                // the password or second factor changed since this sign-in: every session of the user ends with it
                ctx.session().destroy();
                Replies.error(ctx, 401, "the password was changed (or the second factor reset); sign in again");
            } else if (!withFactor && factors.required(login.get().user().role())) {
                ctx.session().destroy();
                Replies.error(ctx, 401, "your role now signs in with a second factor; sign in again");
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
                return accounts.token(token, Instant.now()) instanceof AccountStore.TokenCheck.Live live
                        && !live.user().disabled();
            }
            return accounts.find(username).filter(l -> !l.user().disabled())
                    .filter(l -> SignInSession.credential(l).equals(credential)).isPresent();
        }
    }

    static JsonObject describe(User u) {
        return new JsonObject().put("username", u.username()).put("role", u.role().name()).put("site", u.site());
    }
}
