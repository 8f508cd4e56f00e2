package se.vaktpost.hub.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.regex.Pattern;
import se.vaktpost.hub.accounts.AccountStore;
import se.vaktpost.hub.accounts.User;

/**
 * Where a scoped API token may go: the alarm path's routes only. The token's user rights are
 * narrowed by its scope as well ({@link User#may}); this list is the second wall, so a route that
 * only checks what a user may see (the incident log, reports, people) is never reached by a token.
 */
final class TokenRoutes {
    private record Allowed(HttpMethod method, Pattern path) {
    }

    private static final String ID = "[^/]+";
    private static final List<Allowed> ALLOWED = List.of(
            new Allowed(HttpMethod.GET, Pattern.compile("/api/sites")),
            new Allowed(HttpMethod.GET, Pattern.compile("/api/sites/" + ID)),
            new Allowed(HttpMethod.GET, Pattern.compile("/api/incidents")),
            new Allowed(HttpMethod.GET, Pattern.compile("/api/events")),
            new Allowed(HttpMethod.GET, Pattern.compile("/api/live")),
            new Allowed(HttpMethod.GET, Pattern.compile("/api/config")),
            new Allowed(HttpMethod.POST, Pattern.compile("/api/sites/" + ID + "/lockdown")),
            new Allowed(HttpMethod.POST, Pattern.compile("/api/sites/" + ID + "/all-clear")),
            new Allowed(HttpMethod.POST, Pattern.compile("/api/incidents/" + ID + "/acknowledge")));

    private TokenRoutes() {
    }

    /** Lets a request with a scoped token on only along the alarm path's routes. */
    static void confine(RoutingContext ctx) {
        User u = AuthRoutes.user(ctx);
        if (u.scope() == null || allowed(ctx.request().method(), ctx.normalizedPath())) {
            ctx.next();
        } else {
            Replies.error(ctx, 403, "an API token reaches the alarm path only (sites, incidents, events, live, "
                    + "lockdown, all-clear, acknowledge); this route is for people who sign in");
        }
    }

    static boolean allowed(HttpMethod method, String path) {
        return ALLOWED.stream().anyMatch(a -> a.method.equals(method) && a.path.matcher(path).matches());
    }

    /** Why a presented token was refused, so whoever runs the other system knows what to do. */
    static String refusal(AccountStore.TokenCheck check) {
        if (check instanceof AccountStore.TokenCheck.Expired e) {
            return "the API token '" + e.tokenName() + "' has expired; an administrator makes a new one (tokens create)";
        }
        if (check instanceof AccountStore.TokenCheck.Unscoped u) {
            return "the API token '" + u.tokenName()
                    + "' was made before tokens had a scope and an expiry; an administrator makes a new one";
        }
        return check instanceof AccountStore.TokenCheck.Live ? "the account of this API token is disabled"
                : "unknown or revoked API token";
    }
}
