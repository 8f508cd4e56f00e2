package se.vaktpost.hub.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import se.vaktpost.hub.accounts.AccountStore;
import se.vaktpost.hub.accounts.Action;
import se.vaktpost.hub.notify.Notifications;
import se.vaktpost.hub.registry.SiteRegistry;

/**
 * A school's staff on their own phones: whoever may manage the school makes (or revokes) its
 * invitation link, shown once with a QR code, and sees and removes the phones that joined; the
 * staff page itself needs no account, only a valid invitation (the token travels in request
 * bodies, never in a URL a log could keep).
 */
final class StaffRoutes {
    /** Phones one school's invitation may add: a leaked link cannot make the hub push without end. */
    static final int MAX_STAFF_DEVICES = 1000;
    private final Vertx vertx;
    private final Notifications notifications;
    private final SiteRegistry registry;
    private final AccountStore accounts;

    StaffRoutes(Vertx vertx, Notifications notifications, SiteRegistry registry, AccountStore accounts) {
        this.vertx = vertx;
        this.notifications = notifications;
        this.registry = registry;
        this.accounts = accounts;
    }

    /** Before sign-in is required: what the staff page calls with its invitation. */
    void mountPublic(Router r) {
        r.post("/api/staff/invitation").handler(ctx -> Replies.blocking(vertx, ctx, () -> {
            String site = invited(ctx);
            return new JsonObject().put("site", site).put("siteName", registry.site(site).orElseThrow().name())
                    .put("applicationServerKey", notifications.pushKeys().applicationServerKey())
                    .put("alerts", new JsonArray(notifications.plan().staffAlerts().stream().map(Enum::name).toList()));
        }));
        r.post("/api/staff/devices").handler(ctx -> Replies.blocking(vertx, ctx, () -> {
            String site = invited(ctx);
            if (notifications.devices().staffCount(site) >= MAX_STAFF_DEVICES) {
                throw Replies.conflict("the school already has " + MAX_STAFF_DEVICES + " phones; it must remove some first");
            }
            JsonObject body = Replies.body(ctx);
            JsonObject keys = body.getJsonObject("keys", new JsonObject());
            String id;
            try {
                id = notifications.devices().add(null, site, body.getString("endpoint"), keys.getString("p256dh"),
                        keys.getString("auth"), body.getString("label"), Instant.now());
            } catch (IllegalArgumentException e) {
                throw Replies.badRequest(e.getMessage());
            }
            accounts.audit("staff:" + site, "STAFF_DEVICE_ADDED", id, null, AuthRoutes.remote(ctx), Instant.now());
            return new JsonObject().put("id", id).put("siteName", registry.site(site).orElseThrow().name());
        }));
        r.post("/api/staff/leave").handler(ctx -> Replies.blocking(vertx, ctx, () -> {
            boolean left = notifications.devices().leaveStaff(Replies.body(ctx).getString("endpoint"));
            if (left) {
                accounts.audit("staff", "STAFF_DEVICE_LEFT", null, null, AuthRoutes.remote(ctx), Instant.now());
            }
            return new JsonObject().put("left", left);
        }));
    }

    /** Behind sign-in: the school's managers. */
    void mount(Router r) {
        r.get("/api/sites/:site/staff").handler(ctx -> Replies.blocking(vertx, ctx, () -> {
            String site = managed(ctx);
            return new JsonObject()
                    .put("invitation", notifications.invitations().active(site).map(JsonObject::mapFrom).orElse(null))
                    .put("devices", new JsonArray(notifications.devices().ofStaff(site).stream().map(JsonObject::mapFrom).toList()));
        }));
        r.post("/api/sites/:site/staff/invitation").handler(ctx -> Replies.blocking(vertx, ctx, () -> {
            String site = managed(ctx);
            String token = notifications.invitations().renew(site, AuthRoutes.user(ctx).username(), Instant.now());
            AuthRoutes.audit(accounts, ctx, "STAFF_INVITATION_MADE", site, null);
            String link = base(ctx) + "/staff.html#" + token;
            return new JsonObject().put("link", link).put("qrSvg", se.vaktpost.hub.secondfactor.QrSvg.of(link));
        }));
        r.delete("/api/sites/:site/staff/invitation").handler(ctx -> Replies.blocking(vertx, ctx, () -> {
            String site = managed(ctx);
            boolean revoked = notifications.invitations().revoke(site, Instant.now());
            AuthRoutes.audit(accounts, ctx, "STAFF_INVITATION_REVOKED", site, null);
            return new JsonObject().put("revoked", revoked);
        }));
        r.delete("/api/sites/:site/staff/devices/:id").handler(ctx -> Replies.blocking(vertx, ctx, () -> {
            String site = managed(ctx);
            if (!notifications.devices().removeStaff(ctx.pathParam("id"), site)) {
                throw Replies.notFound("no staff device '" + ctx.pathParam("id") + "' at " + site);
            }
            AuthRoutes.audit(accounts, ctx, "STAFF_DEVICE_REMOVED", ctx.pathParam("id"), site);
            return new JsonObject().put("removed", ctx.pathParam("id"));
        }));
    }

    private String managed(RoutingContext ctx) {
        String site = ctx.pathParam("site");
        if (registry.site(site).isEmpty() || !AuthRoutes.user(ctx).canSee(site)) {
            throw Replies.notFound("unknown site '" + site + "'");
        }
        if (!AuthRoutes.user(ctx).may(Action.STAFF_ALERTS, site)) {
            throw Replies.forbidden("your role may not manage the staff alerts of " + site);
        }
        return site;
    }

    private String invited(RoutingContext ctx) throws java.sql.SQLException {
        String token = Replies.body(ctx).getString("invitation");
        return notifications.invitations().site(token).filter(s -> registry.site(s).isPresent())
                .orElseThrow(() -> Replies.notFound("this invitation link is not valid (any more); ask the school for a new one"));
    }

    /** The configured public address, else the one the request came to. */
    private String base(RoutingContext ctx) {
        String configured = notifications.plan().publicUrl();
        return configured != null ? configured : ctx.request().scheme() + "://" + ctx.request().authority();
    }
}
