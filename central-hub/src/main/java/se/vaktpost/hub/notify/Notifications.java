package se.vaktpost.hub.notify;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import se.vaktpost.hub.metrics.HubMetrics;
import se.vaktpost.hub.notify.channels.EmailSender;
import se.vaktpost.hub.notify.channels.SmsSender;
import se.vaktpost.hub.notify.channels.WebhookSender;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.storage.SqliteDatabase;

/** Builds the notifier and its channels from the registry's {@code notifications} section. */
public final class Notifications {
    private Notifications() {
    }

    /** The channels the plan configures; a channel it names but does not configure fails visibly per message. */
    public static List<Sender> senders(NotificationPlan plan, SiteRegistry registry) throws IOException {
        List<Sender> out = new ArrayList<>();
        if (plan.email() != null) {
            out.add(new EmailSender(plan.email(), plan.language()));
        }
        if (plan.sms() != null) {
            out.add(new SmsSender(plan.sms()));
        }
        if (!plan.webhooks().isEmpty()) {
            out.add(new WebhookSender(plan.webhooks(), plan.capSender(), registry.settings().timeZone(), plan.language()));
        }
        return out;
    }

    /** Starts the notifier on a connection of its own; it is nudged whenever the core changed something. */
    public static Notifier start(SiteRegistry registry, SqliteDatabase database, HubMetrics metrics, Clock clock,
                                 Notifier.Audit audit, Consumer<String> siteChanged) throws IOException, SQLException {
        NotificationPlan plan = registry.notifications();
        Notifier n = Notifier.start(new Notifier.Deps(plan, registry, new OutboxStore(database.connect()),
                senders(plan, registry), clock, Backoff.standard(), metrics, audit, siteChanged));
        metrics.gauge(HubMetrics.Gauge.NOTIFICATIONS_WAITING, n::waiting);
        return n;
    }
}
