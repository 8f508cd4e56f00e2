package se.vaktpost.hub.notify;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import se.vaktpost.hub.metrics.HubMetrics;
import se.vaktpost.hub.notify.channels.EmailSender;
import se.vaktpost.hub.notify.channels.PushSender;
import se.vaktpost.hub.notify.channels.SmsSender;
import se.vaktpost.hub.notify.channels.WebhookSender;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.storage.SqliteDatabase;

/**
 * The notifier, its channels and the devices subscribed to Web Push, built from the registry's
 * {@code notifications} section. Push is always available (it needs no settings of its own);
 * e-mail, SMS and webhooks when configured.
 */
public final class Notifications implements AutoCloseable {
    private final Notifier notifier;
    private final PushKeys pushKeys;
    private final PushSubscriptions devices;
    private final StaffInvitations invitations;
    private final NotificationPlan plan;
    private final List<AutoCloseable> closeLater = new ArrayList<>();

    private Notifications(Notifier notifier, PushKeys pushKeys, PushSubscriptions devices, StaffInvitations invitations,
                          NotificationPlan plan) {
        this.notifier = notifier;
        this.pushKeys = pushKeys;
        this.devices = devices;
        this.invitations = invitations;
        this.plan = plan;
    }

    /** Starts the notifier on connections of its own; {@link #nudge()} it whenever the core changed something. */
    public static Notifications start(SiteRegistry registry, SqliteDatabase database, HubMetrics metrics, Clock clock,
                                      Notifier.Audit audit, Consumer<String> siteChanged) throws IOException, SQLException {
        NotificationPlan plan = registry.notifications();
        PushKeys keys = PushKeys.openOrCreate(database.connect());
        PushSubscriptions devices = new PushSubscriptions(database.connect(),
                plan.push() != null ? plan.push() : Settings.Push.defaults());
        List<Sender> senders = new ArrayList<>();
        String subject = plan.push() != null && plan.push().subject() != null ? plan.push().subject()
                : plan.publicUrl() != null && plan.publicUrl().startsWith("https://") ? plan.publicUrl() : null;
        if (subject == null) {
            org.slf4j.LoggerFactory.getLogger(Notifications.class).warn("Web Push has no contact: set notifications.push.subject "
                    + "(mailto:...) or an https notifications.publicUrl; Apple's push service refuses pushes without one");
            subject = "mailto:vaktpost@localhost";
        }
        senders.add(new PushSender(keys, subject, devices, clock));
        if (plan.email() != null) {
            senders.add(new EmailSender(plan.email(), plan.language()));
        }
        if (plan.sms() != null) {
            senders.add(new SmsSender(plan.sms()));
        }
        if (!plan.webhooks().isEmpty()) {
            senders.add(new WebhookSender(plan.webhooks(), plan.capSender(), registry.settings().timeZone(), plan.language(),
                    clock));
        }
        Notifier n = Notifier.start(new Notifier.Deps(plan, registry, new OutboxStore(database.connect()), senders, clock,
                Backoff.standard(), metrics, audit, siteChanged));
        metrics.gauge(HubMetrics.Gauge.NOTIFICATIONS_WAITING, n::waiting);
        Notifications made = new Notifications(n, keys, devices, new StaffInvitations(database.connect()), plan);
        for (Sender s : senders) {
            if (s instanceof AutoCloseable c) {
                made.closeLater.add(c);
            }
        }
        return made;
    }

    public void nudge() {
        notifier.nudge();
    }

    public PushKeys pushKeys() {
        return pushKeys;
    }

    public PushSubscriptions devices() {
        return devices;
    }

    public StaffInvitations invitations() {
        return invitations;
    }

    public NotificationPlan plan() {
        return plan;
    }

    @Override
    public void close() throws SQLException {
        notifier.close();
        for (AutoCloseable c : closeLater) {
            try {
                c.close();
            } catch (Exception ignored) {
                // shutting down: nothing more to do with it
            }
        }
        devices.close();
        invitations.close();
    }
}
