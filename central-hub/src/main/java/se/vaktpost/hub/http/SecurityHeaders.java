package se.vaktpost.hub.http;

import io.vertx.ext.web.RoutingContext;

/**
 * Headers on every reply: no script but the hub's own files (no inline script, no eval), no
 * framing by other sites, no MIME sniffing, no referrer, and HSTS when the hub serves HTTPS itself.
 * Styles may be inline: the printable reports carry theirs.
 */
final class SecurityHeaders {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    static void add(RoutingContext ctx, boolean https) {
        var h = ctx.response().headers();
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        if (https) {
            h.set("Strict-Transport-Security", "max-age=31536000");
        }
        ctx.next();
    }
}
