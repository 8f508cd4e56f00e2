package se.vaktpost.hub.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Locale;
import se.vaktpost.hub.accounts.AccountStore;
import se.vaktpost.hub.accounts.Action;
import se.vaktpost.hub.accounts.Passwords;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.hub.accounts.Secrets;
import se.vaktpost.hub.accounts.TokenScope;
import se.vaktpost.hub.accounts.TokenTerms;
import se.vaktpost.hub.accounts.User;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.hub.secondfactor.SecondFactors;

/** Users and API tokens, for administrators only; every change is audited. */
final class AdminRoutes {
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._@-]{2,64}");
    private final Vertx vertx;
    private final AccountStore accounts;
    private final SiteRegistry registry;
    private final SecondFactors factors;

    AdminRoutes(Vertx vertx, AccountStore accounts, SiteRegistry registry, SecondFactors factors) {
        this.vertx = vertx;
        this.accounts = accounts;
        this.registry = registry;
        this.factors = factors;
    }

    void mount(Router r) {
        r.route("/api/users*").handler(this::requireAdmin);
        r.route("/api/tokens*").handler(this::requireAdmin);
        r.route("/api/audit").handler(this::requireAdmin);
        r.get("/api/audit").handler(ctx -> Replies.blocking(vertx, ctx, () ->
                new JsonArray(accounts.audit(200).stream().map(JsonObject::mapFrom).toList())));
        r.get("/api/users").handler(ctx -> Replies.blocking(vertx, ctx, () -> new JsonArray(
                accounts.list().stream().map(AdminRoutes::describe).toList())));
        r.post("/api/users").handler(this::addUser);
        r.post("/api/users/:name/password").handler(this::setPassword);
        r.post("/api/users/:name/disabled").handler(this::setDisabled);
        r.post("/api/users/:name/second-factor/reset").handler(this::resetSecondFactor);
        r.get("/api/tokens").handler(ctx -> Replies.blocking(vertx, ctx, () -> new JsonArray(
                accounts.tokens().stream().map(JsonObject::mapFrom).toList())));
        r.post("/api/tokens").handler(this::addToken);
        r.delete("/api/tokens/:id").handler(this::revokeToken);
    }

    private void requireAdmin(RoutingContext ctx) {
        User u = AuthRoutes.user(ctx);
        if (u.may(Action.MANAGE_USERS, u.site())) {
            ctx.next();
        } else {
            Replies.error(ctx, 403, "only administrators manage users, tokens and the audit log");
        }
    }

    private void addUser(RoutingContext ctx) {
        Replies.blocking(vertx, ctx, () -> {
            JsonObject body = Replies.body(ctx);
            String name = Replies.text(body, "username", 64);
            if (!NAME.matcher(name).matches()) {
                throw Replies.badRequest("a user name has 2-64 letters, digits or . _ @ -");
            }
            Role role = role(Replies.text(body, "role", 16));
            String site = role == Role.RECEPTION ? Replies.text(body, "site", 64) : null;
            if (site != null && registry.site(site).isEmpty()) {
                throw Replies.badRequest("unknown site '" + site + "'");
            }
            String hash = Passwords.hash(Replies.text(body, "password", 256));
            if (accounts.find(name).isPresent()) {
                throw new Replies.ClientError(409, "user '" + name + "' exists already");
            }
            User u = new User(name, role, site, false);
            accounts.add(u, hash, Instant.now());
            AuthRoutes.audit(accounts, ctx, "USER_ADD", name, role + (site == null ? "" : " of " + site));
            return describe(u);
        });
    }

    private void setPassword(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Replies.blocking(vertx, ctx, () -> {
            String hash = Passwords.hash(Replies.text(Replies.body(ctx), "password", 256));
            if (!accounts.setPassword(name, hash)) {
                throw Replies.notFound("no user '" + name + "'");
            }
            AuthRoutes.audit(accounts, ctx, "USER_PASSWORD", name, null);
            return new JsonObject().put("username", name).put("passwordChanged", true);
        });
    }

    private void setDisabled(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Replies.blocking(vertx, ctx, () -> {
            if (!(Replies.body(ctx).getValue("disabled") instanceof Boolean disabled)) {
                throw Replies.badRequest("field 'disabled' must be true or false");
            }
            if (disabled && name.equals(AuthRoutes.user(ctx).username())) {
                throw Replies.badRequest("you cannot disable your own account");
            }
            if (!accounts.setDisabled(name, disabled)) {
                throw Replies.notFound("no user '" + name + "'");
            }
            AuthRoutes.audit(accounts, ctx, disabled ? "USER_DISABLE" : "USER_ENABLE", name, null);
            return new JsonObject().put("username", name).put("disabled", disabled);
        });
    }

    /** For a lost phone: the person enrols again at their next sign-in, and their sessions end now. */
    private void resetSecondFactor(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Replies.blocking(vertx, ctx, () -> {
            if (!factors.reset(name)) {
                throw Replies.notFound("'" + name + "' has no second factor to reset");
            }
            AuthRoutes.audit(accounts, ctx, "SECOND_FACTOR_RESET", name, "enrols again at the next sign-in");
            return new JsonObject().put("username", name).put("secondFactorReset", true);
        });
    }

    /** Makes a token for a user; the token is in this answer only and never shown again. */
    private void addToken(RoutingContext ctx) {
        Replies.blocking(vertx, ctx, () -> {
            JsonObject body = Replies.body(ctx);
            String owner = Replies.text(body, "username", 64);
            String name = Replies.text(body, "name", 100);
            if (accounts.find(owner).isEmpty()) {
                throw Replies.badRequest("no user '" + owner + "'");
            }
            Instant now = Instant.now();
            AccountStore.NewToken terms;
            try {
                TokenScope scope = TokenScope.parse(Replies.text(body, "scope", 500));
                for (String site : scope.sites()) {
                    if (!site.equals("*") && registry.site(site).isEmpty()) {
                        throw Replies.badRequest("unknown site '" + site + "' in the scope");
                    }
                }
                Integer days = body.getValue("days") instanceof Number n ? n.intValue() : null;
                terms = new AccountStore.NewToken(name, owner, scope, TokenTerms.expiry(days, now));
            } catch (IllegalArgumentException e) {
                throw Replies.badRequest(e.getMessage());
            }
            String token = Secrets.newToken();
            long id = accounts.addToken(terms, token, now);
            AuthRoutes.audit(accounts, ctx, "TOKEN_CREATE", owner, "token " + id + " '" + name + "' "
                    + terms.scope().text());
            return new JsonObject().put("id", id).put("name", name).put("username", owner).put("token", token)
                    .put("scope", terms.scope().text()).put("expiresAt", terms.expiresAt().toString());
        });
    }

    private void revokeToken(RoutingContext ctx) {
        Replies.blocking(vertx, ctx, () -> {
            long id = Replies.wholeNumber(ctx.pathParam("id"), "a token id");
            if (!accounts.revokeToken(id, Instant.now())) {
                throw Replies.notFound("no live token " + id);
            }
            AuthRoutes.audit(accounts, ctx, "TOKEN_REVOKE", String.valueOf(id), null);
            return new JsonObject().put("id", id).put("revoked", true);
        });
    }

    private static Role role(String text) {
        try {
            return Role.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Replies.badRequest("role must be reception, security or admin");
        }
    }


    private static JsonObject describe(User u) {
        return AuthRoutes.describe(u).put("disabled", u.disabled());
    }
}
