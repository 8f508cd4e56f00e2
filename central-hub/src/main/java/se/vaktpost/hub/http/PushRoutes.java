package se.vaktpost.hub.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import se.vaktpost.hub.accounts.AccountStore;
import se.vaktpost.hub.accounts.User;
import se.vaktpost.hub.notify.Notifications;

/**
 * Web Push devices of the signed-in user: the hub's public key for subscribing, adding a device
 * (the browser's subscription), listing and removing one's own. Which notices reach a device is
 * the registry's routing; a device only lets its owner be reached.
 */
final class PushRoutes {
    private final Vertx vertx;
    private final Notifications notifications;
    private final AccountStore accounts;

    PushRoutes(Vertx vertx, Notifications notifications, AccountStore accounts) {
        this.vertx = vertx;
        this.notifications = notifications;
        this.accounts = accounts;
    }

    void mount(Router r) {
        r.get("/api/push/key").handler(ctx -> Replies.json(ctx, 200,
                new JsonObject().put("applicationServerKey", notifications.pushKeys().applicationServerKey()).encode()));
        r.get("/api/push/devices").handler(ctx -> Replies.blocking(vertx, ctx, () -> new JsonArray(
                notifications.devices().ofUser(AuthRoutes.user(ctx).username()).stream().map(JsonObject::mapFrom).toList())));
        r.post("/api/push/devices").handler(ctx -> Replies.blocking(vertx, ctx, () -> {
            User user = AuthRoutes.user(ctx);
            if (user.scope() != null) {
                throw Replies.forbidden("an API token cannot subscribe a device; sign in on the device itself");
            }
            JsonObject body = Replies.body(ctx);
            JsonObject keys = body.getJsonObject("keys", new JsonObject());
            String id;
            try {
                id = notifications.devices().add(user.username(), null, body.getString("endpoint"), keys.getString("p256dh"),
                        keys.getString("auth"), body.getString("label"), Instant.now());
            } catch (IllegalArgumentException e) {
                throw Replies.badRequest(e.getMessage());
            }
            AuthRoutes.audit(accounts, ctx, "PUSH_DEVICE_ADDED", id, null);
            return new JsonObject().put("id", id);
        }));
        r.delete("/api/push/devices/:id").handler(ctx -> Replies.blocking(vertx, ctx, () -> {
            String id = ctx.pathParam("id");
            if (!notifications.devices().removeOwn(id, AuthRoutes.user(ctx).username())) {
                throw Replies.notFound("you have no device '" + id + "'");
            }
            AuthRoutes.audit(accounts, ctx, "PUSH_DEVICE_REMOVED", id, null);
            return new JsonObject().put("removed", id);
        }));
    }
}
