package se.vaktpost.hub.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who gets a notice, on which channel, at which address. Pure. One message per (notice, step,
 * channel, address), however many routes or groups name the same person: the key the outbox
 * refuses to hold twice.
 */
public final class Router {
    private final NotificationPlan plan;

    public Router(NotificationPlan plan) {
        this.plan = plan;
    }

    /** One planned message. {@code recipient}: who, for the record (user:, contact:, staff:, webhook:). */
    public record Target(long notice, int step, Channel channel, String recipient, String address) {
        public String key() {
            return "n" + notice + ":s" + step + ":" + channel + ":" + address;
        }
    }

    /** Step 0: the routes and the webhooks. */
    public List<Target> route(Notice n, Directory dir) {
        Map<String, Target> out = new LinkedHashMap<>();
        for (NotificationPlan.Route r : plan.routes()) {
            if (r.matches(n)) {
                add(out, n, 0, r, dir);
            }
        }
        // a school's staff phones, by the school's invitation: its lockdowns (never its silent alarms)
        if (plan.staffAlerts().contains(n.kind()) && !n.silent()) {
            for (String device : dir.staffDevices().getOrDefault(n.site(), List.of())) {
                Target t = new Target(n.id(), 0, Channel.PUSH, "staff:" + n.site(), device);
                out.putIfAbsent(t.key(), t);
            }
        }
        for (NotificationPlan.Webhook w : plan.webhooks()) {
            if (w.matches(n)) {
                Target t = new Target(n.id(), 0, Channel.WEBHOOK, "webhook:" + w.id(), w.id());
                out.putIfAbsent(t.key(), t);
            }
        }
        return List.copyOf(out.values());
    }

    /** The escalation chains that apply to this notice (their steps are numbered from 1 in order). */
    public List<NotificationPlan.Step> steps(Notice n) {
        List<NotificationPlan.Step> out = new ArrayList<>();
        for (NotificationPlan.Escalation e : plan.escalation()) {
            if (e.matches(n)) {
                out.addAll(e.steps());
            }
        }
        out.sort(java.util.Comparator.comparingInt(NotificationPlan.Step::afterSeconds));
        return out;
    }

    /**
     * The escalation steps due now: those whose time (hub time of the notice + afterSeconds) has
     * come and that were not taken yet; none once the incident is acknowledged or closed.
     */
    public List<Integer> dueSteps(Notice n, java.util.Set<Integer> taken, boolean answered, java.time.Instant now) {
        List<Integer> out = new ArrayList<>();
        if (answered) {
            return out;
        }
        List<NotificationPlan.Step> steps = steps(n);
        for (int i = 0; i < steps.size(); i++) {
            if (!taken.contains(i + 1) && !now.isBefore(n.hubAt().plusSeconds(steps.get(i).afterSeconds()))) {
                out.add(i + 1);
            }
        }
        return out;
    }

    /** Step {@code number} (from 1) of {@link #steps}. */
    public List<Target> escalate(Notice n, int number, Directory dir) {
        Map<String, Target> out = new LinkedHashMap<>();
        add(out, n, number, steps(n).get(number - 1).asRoute(), dir);
        return List.copyOf(out.values());
    }

    private void add(Map<String, Target> out, Notice n, int step, NotificationPlan.Route r, Directory dir) {
        for (String to : r.to()) {
            for (Addressee a : resolve(to, n.site(), dir)) {
                // A silent alarm must not warn the school it came from (nor whoever threatens it there).
                if (n.silent() && n.site().equals(a.site()) && !r.ownSite()) {
                    continue;
                }
                for (Channel c : r.channels()) {
                    for (String address : a.addresses(c)) {
                        Target t = new Target(n.id(), step, c, a.key(), address);
                        out.putIfAbsent(t.key(), t);
                    }
                }
            }
        }
    }

    /** Someone reachable, and the school they belong to (null: none). */
    private record Addressee(String key, String site, String email, String phone, List<String> devices) {
        List<String> addresses(Channel c) {
            return switch (c) {
                case EMAIL -> email == null || email.isBlank() ? List.of() : List.of(email.trim().toLowerCase(Locale.ROOT));
                case SMS -> phone == null || phone.isBlank() ? List.of() : List.of(phone.replaceAll("[\\s-]", ""));
                case PUSH -> devices;
                case WEBHOOK -> List.of();
            };
        }
    }

    private List<Addressee> resolve(String to, String site, Directory dir) {
        List<Addressee> out = new ArrayList<>();
        if (to.startsWith("user:")) {
            String name = to.substring(5);
            dir.members().stream().filter(m -> m.username().equals(name)).forEach(m -> member(out, m, site, null));
        } else if (to.startsWith("role:")) {
            String role = to.substring(5).toUpperCase(Locale.ROOT);
            dir.members().stream().filter(m -> m.role().name().equals(role)).forEach(m -> member(out, m, site, null));
        } else {
            NotificationPlan.Group g = plan.groups().get(to);
            if (g == null) {
                return out;
            }
            // a group's site makes every member "at" that school, whatever their role
            dir.members().stream().filter(m -> g.users().contains(m.username()) || g.roles().contains(m.role()))
                    .forEach(m -> member(out, m, site, g.site()));
            for (int i = 0; i < g.contacts().size(); i++) {
                NotificationPlan.Contact c = g.contacts().get(i);
                out.add(new Addressee("contact:" + to + "#" + i, g.site(), c.email(), c.phone(), List.of()));
            }
            if (g.staff() && g.site().equals(site)) {
                out.add(new Addressee("staff:" + g.site(), g.site(), null, null,
                        dir.staffDevices().getOrDefault(g.site(), List.of())));
            }
        }
        return out;
    }

    /** {@code groupSite}: the school of the group that named this member, if it has one. */
    private static void member(List<Addressee> out, Directory.Member m, String site, String groupSite) {
        if (m.mayHearOf(site)) {
            String at = groupSite != null ? groupSite : m.role() == se.vaktpost.hub.accounts.Role.RECEPTION ? m.site() : null;
            out.add(new Addressee("user:" + m.username(), at, m.email(), m.phone(), m.devices()));
        }
    }
}
