package se.vaktpost.hub.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SessionHandler;
import java.time.Instant;
import java.util.Base64;
import se.vaktpost.hub.accounts.AccountStore;
import se.vaktpost.hub.accounts.LoginLimiter;
import se.vaktpost.hub.secondfactor.Passkeys;
import se.vaktpost.hub.secondfactor.SecondFactors;

/**
 * Passkeys (WebAuthn): signing in with one as the second step (before the gate), and adding one
 * while signed in (behind it). The options are what {@code navigator.credentials} takes, with
 * binary fields in base64url; the page turns them into bytes.
 */
final class PasskeyRoutes {
    private static final String SIGN_IN = "sign-in";
    private static final String REGISTER = "register";
    private final Vertx vertx;
    private final AccountStore accounts;
    private final LoginLimiter limiter;
    private final SessionHandler sessions;
    private final Passkeys passkeys;

    PasskeyRoutes(Vertx vertx, AccountStore accounts, LoginLimiter limiter, SessionHandler sessions, Passkeys passkeys) {
        this.vertx = vertx;
        this.accounts = accounts;
        this.limiter = limiter;
        this.sessions = sessions;
        this.passkeys = passkeys;
    }

    /** Before the gate: the second step of a sign-in with a passkey. */
    void mountSignIn(Router r) {
        r.post("/api/login/passkey/options").handler(this::signInOptions);
        r.post("/api/login/passkey").handler(this::signIn);
    }

    /** Behind the gate: a signed-in person adds a passkey. */
    void mountManage(Router r) {
        r.post("/api/second-factor/passkeys/options").handler(this::registerOptions);
        r.post("/api/second-factor/passkeys").handler(this::register);
    }

    /** The page's origin and host as the browser sees them (behind a trusted proxy: the proxy's scheme). */
    private static Passkeys.Site site(RoutingContext ctx) {
        String scheme = ctx.get(ClientAddress.SCHEME) instanceof String s ? s : ctx.request().scheme();
        var authority = ctx.request().authority();
        if (authority == null) {
            throw Replies.badRequest("no Host header: passkeys need the hub's name");
        }
        String host = authority.host();
        boolean defaultPort = authority.port() < 0 || (scheme.equals("https") && authority.port() == 443)
                || (scheme.equals("http") && authority.port() == 80);
        return new Passkeys.Site(scheme + "://" + host + (defaultPort ? "" : ":" + authority.port()), host);
    }

    private SignInSession.Pending pendingVerify(RoutingContext ctx) {
        SignInSession.Pending p = SignInSession.pending(ctx.session(), System.currentTimeMillis());
        if (p == null || p.need() != SecondFactors.Need.VERIFY) {
            throw new Replies.ClientError(401, "sign in with your password first (or again: the second step waits 5 minutes)");
        }
        return p;
    }

    private void signInOptions(RoutingContext ctx) {
        Replies.blocking(vertx, ctx, () -> {
            SignInSession.Pending p = pendingVerify(ctx);
            var ids = passkeys.credentialIds(p.username());
            if (ids.isEmpty()) {
                throw Replies.notFound("you have no passkey; use the code from your authenticator app");
            }
            String challenge = Passkeys.newChallenge();
            SignInSession.challenge(ctx.session(), SIGN_IN, challenge);
            JsonArray allow = new JsonArray();
            ids.forEach(id -> allow.add(new JsonObject().put("type", "public-key").put("id", id)));
            return new JsonObject().put("challenge", challenge).put("rpId", site(ctx).rpId())
                    .put("allowCredentials", allow).put("userVerification", "preferred").put("timeout", 60_000);
        });
    }

    private void signIn(RoutingContext ctx) {
        String remote = AuthRoutes.remote(ctx);
        vertx.executeBlocking(() -> {
            SignInSession.Pending p = pendingVerify(ctx);
            String challenge = SignInSession.takeChallenge(ctx.session(), SIGN_IN);
            JsonObject body = Replies.body(ctx);
            if (!limiter.allowed(p.username(), remote)) {
                throw new Replies.ClientError(429, "too many failed sign-ins; wait a few minutes");
            }
            try {
                if (challenge == null) {
                    throw new Passkeys.Refused("no passkey sign-in was begun; ask for options first", null);
                }
                passkeys.authenticate(p.username(), site(ctx), challenge, bytes(body, "id"), optionalBytes(body, "userHandle"),
                        bytes(body, "authenticatorData"), bytes(body, "clientDataJSON"), bytes(body, "signature"));
            } catch (Passkeys.Refused e) {
                limiter.failed(p.username(), remote);
                accounts.audit(p.username(), "LOGIN_FAILED", null, "passkey refused", remote, Instant.now());
                throw new Replies.ClientError(401, e.getMessage());
            }
            var login = SecondFactorRoutes.signedIn(accounts, limiter, ctx, p.username());
            accounts.audit(p.username(), "LOGIN", null, "password and passkey", remote, Instant.now());
            return new JsonObject().put("user", AuthRoutes.describe(login.user()));
        }).onComplete(res -> AuthRoutes.answerAfterFlush(sessions, ctx, res));
    }

    /** Adding a passkey: in the web view, by someone whose sign-in is recent (a session taken later cannot plant one). */
    private static boolean mayAdd(RoutingContext ctx) {
        if (ctx.session() == null) {
            Replies.error(ctx, 400, "passkeys are added in the web view, by someone signed in");
            return false;
        }
        if (!SignInSession.recent(ctx.session(), System.currentTimeMillis())) {
            Replies.error(ctx, 401, "to add a passkey, sign in again first");
            return false;
        }
        return true;
    }

    private void registerOptions(RoutingContext ctx) {
        if (!mayAdd(ctx)) {
            return;
        }
        String username = AuthRoutes.user(ctx).username();
        Replies.blocking(vertx, ctx, () -> {
            String challenge = Passkeys.newChallenge();
            SignInSession.challenge(ctx.session(), REGISTER, challenge);
            JsonArray algorithms = new JsonArray();
            Passkeys.ALGORITHMS.forEach(a -> algorithms.add(new JsonObject().put("type", "public-key").put("alg", a)));
            JsonArray exclude = new JsonArray();
            passkeys.credentialIds(username).forEach(id -> exclude.add(new JsonObject().put("type", "public-key").put("id", id)));
            return new JsonObject().put("challenge", challenge)
                    .put("rp", new JsonObject().put("id", site(ctx).rpId()).put("name", "Vaktpost"))
                    .put("user", new JsonObject().put("id", Passkeys.userHandle(username)).put("name", username)
                            .put("displayName", username))
                    .put("pubKeyCredParams", algorithms).put("excludeCredentials", exclude).put("timeout", 60_000)
                    .put("attestation", "none").put("authenticatorSelection",
                            new JsonObject().put("userVerification", "preferred").put("residentKey", "discouraged"));
        });
    }

    private void register(RoutingContext ctx) {
        if (!mayAdd(ctx)) {
            return;
        }
        String username = AuthRoutes.user(ctx).username();
        vertx.executeBlocking(() -> {
            String challenge = SignInSession.takeChallenge(ctx.session(), REGISTER);
            JsonObject body = Replies.body(ctx);
            String label = body.getValue("label") instanceof String l && !l.isBlank() ? Replies.text(body, "label", 60)
                    : "passkey";
            try {
                if (challenge == null) {
                    throw new Passkeys.Refused("no passkey registration was begun; ask for options first", null);
                }
                passkeys.register(username, site(ctx), challenge, label, bytes(body, "clientDataJSON"),
                        bytes(body, "attestationObject"));
            } catch (Passkeys.Refused e) {
                throw Replies.badRequest(e.getMessage());
            }
            AuthRoutes.audit(accounts, ctx, "PASSKEY_ADD", username, label);
            // a new factor ends the person's other sessions; this one carries on with it
            SecondFactorRoutes.signedIn(accounts, limiter, ctx, username);
            return new JsonObject().put("passkeys", passkeys.credentialIds(username).size());
        }).onComplete(res -> AuthRoutes.answerAfterFlush(sessions, ctx, res));
    }

    private static byte[] bytes(JsonObject body, String field) {
        byte[] b = optionalBytes(body, field);
        if (b == null) {
            throw Replies.badRequest("field '" + field + "' (base64url) is missing");
        }
        return b;
    }

    private static byte[] optionalBytes(JsonObject body, String field) {
        if (!(body.getValue(field) instanceof String s) || s.isEmpty()) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(s.length() > 8192 ? "!" : s);
        } catch (IllegalArgumentException e) {
            throw Replies.badRequest("field '" + field + "' is not base64url");
        }
    }
}
