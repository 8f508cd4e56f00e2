package se.vaktpost.hub.http;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import se.vaktpost.hub.accounts.AccountStore;
import se.vaktpost.hub.accounts.User;

/**
 * Server-sent events for the live view: one "changed" event naming the site whenever its state,
 * incidents or panels change, filtered by what the user may see. The page then fetches the true
 * state from the API, so a missed event or a reconnect can never leave it stale.
 */
final class LiveRoutes {
    /** Event-bus address the hub publishes site ids on. */
    static final String CHANGED = "vaktpost.changed";
    private static final long PING_MS = 15_000;
    /** How often an open stream checks that its user may still see it (password, disabling, token). */
    private static final long RECHECK_MS = 2_000;
    private final Vertx vertx;
    private final AccountStore accounts;

    LiveRoutes(Vertx vertx, AccountStore accounts) {
        this.vertx = vertx;
        this.accounts = accounts;
    }

    void mount(Router r) {
        r.get("/api/live").handler(this::live);
    }

    private void live(RoutingContext ctx) {
        User user = AuthRoutes.user(ctx);
        HttpServerResponse res = ctx.response();
        res.setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache").putHeader("x-accel-buffering", "no");
        res.write("retry: 2000\nevent: hello\ndata: {}\n\n");
        MessageConsumer<String> consumer = vertx.eventBus().consumer(CHANGED, msg -> {
            if (user.canSee(msg.body())) {
                res.write("event: changed\ndata: " + new JsonObject().put("site", msg.body()).encode() + "\n\n");
            }
        });
        long ping = vertx.setPeriodic(PING_MS, id -> res.write(": ping\n\n"));
        AuthRoutes.Proof proof = ctx.get(AuthRoutes.PROOF);
        long[] recheck = new long[1];
        Runnable stop = () -> {
            consumer.unregister();
            vertx.cancelTimer(ping);
            vertx.cancelTimer(recheck[0]);
        };
        // a password change, a disabled account or a revoked token ends the stream within seconds
        recheck[0] = vertx.setPeriodic(RECHECK_MS, id -> vertx.executeBlocking(() -> proof.stillHolds(accounts))
                .onComplete(r -> {
                    if ((r.failed() || !r.result()) && !res.ended()) {
                        stop.run();
                        res.write("event: signed-out\ndata: {}\n\n");
                        res.end();
                    }
                }));
        res.closeHandler(v -> stop.run());
    }
}
