package se.vaktpost.hub.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SessionHandler;
import java.time.Instant;
import se.vaktpost.hub.accounts.AccountStore;
import se.vaktpost.hub.accounts.LoginLimiter;
import se.vaktpost.hub.secondfactor.QrSvg;
import se.vaktpost.hub.secondfactor.SecondFactors;

/**
 * The second step of signing in (a code from the authenticator app, or a recovery code) and
 * enrolling an app: before the gate, since the person is not signed in until they are done.
 * Wrong codes count against the same limiter as wrong passwords.
 */
final class SecondFactorRoutes {
    private final Vertx vertx;
    private final AccountStore accounts;
    private final LoginLimiter limiter;
    private final SessionHandler sessions;
    private final SecondFactors factors;

    SecondFactorRoutes(Vertx vertx, AccountStore accounts, LoginLimiter limiter, SessionHandler sessions,
                       SecondFactors factors) {
        this.vertx = vertx;
        this.accounts = accounts;
        this.limiter = limiter;
        this.sessions = sessions;
        this.factors = factors;
    }

    void mount(Router r) {
        r.post("/api/login/second-factor").handler(this::verify);
        r.get("/api/second-factor/enrolment").handler(ctx -> enrolling(ctx, false));
        r.get("/api/second-factor/enrolment/qr.svg").handler(ctx -> enrolling(ctx, true));
        r.post("/api/second-factor/enrolment").handler(this::confirm);
    }

    private void verify(RoutingContext ctx) {
        SignInSession.Pending p = SignInSession.pending(ctx.session(), System.currentTimeMillis());
        if (p == null || p.need() != SecondFactors.Need.VERIFY) {
            Replies.error(ctx, 401, "sign in with your password first (or again: the second step waits 5 minutes)");
            return;
        }
        String remote = AuthRoutes.remote(ctx);
        vertx.executeBlocking(() -> {
            String code = Replies.text(Replies.body(ctx), "code", 32);
            if (!limiter.allowed(p.username(), remote)) {
                accounts.audit(p.username(), "LOGIN_REFUSED", null, "rate limited (second factor)", remote, Instant.now());
                throw new Replies.ClientError(429, "too many failed sign-ins; wait a few minutes");
            }
            var proof = factors.verify(p.username(), code);
            if (proof.isEmpty()) {
                limiter.failed(p.username(), remote);
                accounts.audit(p.username(), "LOGIN_FAILED", null, "wrong second-factor code", remote, Instant.now());
                throw new Replies.ClientError(401, "wrong code: use the newest code of your authenticator app, or an unused recovery code");
            }
            String how = proof.get() == SecondFactors.Proof.TOTP ? "password and authenticator code"
                    : "password and recovery code (" + factors.recoveryCodesLeft(p.username()) + " left)";
            var login = signedIn(accounts, limiter, ctx, p.username());
            accounts.audit(p.username(), "LOGIN", null, how, remote, Instant.now());
            JsonObject out = new JsonObject().put("user", AuthRoutes.describe(login.user()));
            if (proof.get() == SecondFactors.Proof.RECOVERY_CODE) {
                out.put("recoveryCodesLeft", factors.recoveryCodesLeft(p.username()));
            }
            return out;
        }).onComplete(res -> AuthRoutes.answerAfterFlush(sessions, ctx, res));
    }

    /**
     * The second factor was proved: the session is signed in (under a new id, with the person's
     * current credential), and the limiter forgets their failures. Used by every second step.
     */
    static AccountStore.Login signedIn(AccountStore accounts, LoginLimiter limiter, RoutingContext ctx, String username)
            throws java.sql.SQLException {
        var login = accounts.find(username).filter(l -> !l.user().disabled())
                .orElseThrow(() -> new Replies.ClientError(401, "sign in first"));
        limiter.succeeded(username);
        SignInSession.complete(ctx.session(), login, true);
        return login;
    }

    /**
     * Who may enrol now: someone half signed in who must enrol, or someone whose sign-in is complete,
     * still valid (the gate's checks: not disabled, the same password and factor) and recent.
     */
    private String enrollee(RoutingContext ctx) throws java.sql.SQLException {
        long now = System.currentTimeMillis();
        SignInSession.Pending p = SignInSession.pending(ctx.session(), now);
        String username = p != null && p.need() == SecondFactors.Need.ENROL ? p.username()
                : SignInSession.username(ctx.session());
        if (username == null) {
            throw new Replies.ClientError(401, "sign in with your password first");
        }
        var login = accounts.find(username).filter(l -> !l.user().disabled())
                .orElseThrow(() -> new Replies.ClientError(401, "sign in first"));
        if (p == null || p.need() != SecondFactors.Need.ENROL) {
            if (!SignInSession.credential(login).equals(SignInSession.credential(ctx.session()))) {
                throw new Replies.ClientError(401, "the password was changed (or the second factor reset); sign in again");
            }
            if (!SignInSession.recent(ctx.session(), now)) {
                throw new Replies.ClientError(401, "to add a second factor, sign in again first");
            }
        }
        return username;
    }

    /** The secret being enrolled, as JSON (to type in by hand) or as the QR code the app scans. */
    private void enrolling(RoutingContext ctx, boolean qr) {
        vertx.executeBlocking(() -> {
            String username = enrollee(ctx);
            return factors.enrolment(username).orElseThrow(() -> Replies.conflict(
                    "a second factor is enrolled already; an administrator can reset it"));
        }).onComplete(res -> {
            if (res.failed()) {
                Replies.fail(ctx, res.cause());
                return;
            }
            ctx.response().putHeader("cache-control", "no-store");
            if (qr) {
                ctx.response().putHeader("content-type", "image/svg+xml").end(QrSvg.of(res.result().keyUri()));
            } else {
                Replies.json(ctx, 200, new JsonObject().put("secret", res.result().secret())
                        .put("keyUri", res.result().keyUri()).put("qr", "/api/second-factor/enrolment/qr.svg").encode());
            }
        });
    }

    /** The first code from the app confirms enrolment; the answer holds the recovery codes, once. */
    private void confirm(RoutingContext ctx) {
        String remote = AuthRoutes.remote(ctx);
        vertx.executeBlocking(() -> {
            String username = enrollee(ctx);
            String code = Replies.text(Replies.body(ctx), "code", 32);
            if (!limiter.allowed(username, remote)) {
                throw new Replies.ClientError(429, "too many failed sign-ins; wait a few minutes");
            }
            var codes = factors.confirm(username, code);
            if (codes.isEmpty()) {
                limiter.failed(username, remote);
                accounts.audit(username, "SECOND_FACTOR_ENROL_FAILED", username, "wrong first code", remote, Instant.now());
                throw Replies.badRequest("that code does not match: scan the QR code again and type the newest code "
                        + "(the phone's time must be right)");
            }
            // the factor is new: every other session of this person ends, this one carries on with it
            var login = signedIn(accounts, limiter, ctx, username);
            accounts.audit(username, "SECOND_FACTOR_ENROL", username, "authenticator app and "
                    + codes.get().size() + " recovery codes", remote, Instant.now());
            return new JsonObject().put("user", AuthRoutes.describe(login.user()))
                    .put("recoveryCodes", new JsonArray(codes.get()));
        }).onComplete(res -> AuthRoutes.answerAfterFlush(sessions, ctx, res));
    }
}
