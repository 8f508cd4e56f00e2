package se.vaktpost.hub.notify;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import se.vaktpost.hub.accounts.Role;

/**
 * Who hears of what, from the registry file's {@code notifications} section: groups of people,
 * routes from (site, kind) to recipients and channels, an escalation chain, webhooks, and the
 * channels' settings. Validated once at start; every part is optional.
 */
public record NotificationPlan(String language, Map<String, Group> groups, List<Route> routes,
                               List<Escalation> escalation, List<Webhook> webhooks, Settings.Email email,
                               Settings.Sms sms, Settings.Push push, Integer panelOfflineAfterSeconds,
                               String publicUrl, String capSender, List<NoticeKind> staffAlerts) {

    /**
     * Named recipients. {@code site}: the school the group belongs to (its people are "at the
     * school" for the silent-alarm rule); {@code staff}: also the phones the school's staff
     * subscribed with the site's invitation.
     */
    public record Group(String site, List<String> users, List<Role> roles, List<Contact> contacts, Boolean staff) {
        public Group {
            users = users == null ? List.of() : List.copyOf(users);
            roles = roles == null ? List.of() : List.copyOf(roles);
            contacts = contacts == null ? List.of() : List.copyOf(contacts);
            staff = staff != null && staff;
        }
    }

    /** Someone without an account, reached by e-mail or SMS. {@code label} is shown, never logged. */
    public record Contact(String label, String email, String phone) {
    }

    /**
     * Notices of these kinds at these sites (none listed: every site) go to {@code to} over
     * {@code channels}. {@code to}: group names, {@code user:NAME} or {@code role:ROLE}.
     * {@code ownSite}: whether people of the alarm's own school hear of a silent alarm (default no).
     */
    public record Route(List<String> sites, List<NoticeKind> kinds, List<String> to, List<Channel> channels,
                        Boolean ownSite) {
        public Route {
            sites = sites == null ? List.of() : List.copyOf(sites);
            kinds = kinds == null ? List.of() : List.copyOf(kinds);
            to = to == null ? List.of() : List.copyOf(to);
            channels = channels == null ? List.of(Channel.PUSH) : List.copyOf(channels);
            ownSite = ownSite != null && ownSite;
        }

        boolean matches(Notice n) {
            return (sites.isEmpty() || sites.contains(n.site())) && kinds.contains(n.kind());
        }
    }

    /** Unacknowledged alarms of these kinds go further, step by step; the first acknowledgement stops the chain. */
    public record Escalation(List<String> sites, List<NoticeKind> kinds, List<Step> steps) {
        public Escalation {
            sites = sites == null ? List.of() : List.copyOf(sites);
            kinds = kinds == null ? List.of(NoticeKind.ALARM, NoticeKind.LOCKDOWN) : List.copyOf(kinds);
            steps = steps == null ? List.of() : List.copyOf(steps);
        }

        boolean matches(Notice n) {
            return (sites.isEmpty() || sites.contains(n.site())) && kinds.contains(n.kind());
        }
    }

    /** {@code afterSeconds} from the notice (hub time), if still unacknowledged and open. */
    public record Step(int afterSeconds, List<String> to, List<Channel> channels, Boolean ownSite) {
        public Step {
            to = to == null ? List.of() : List.copyOf(to);
            channels = channels == null ? List.of(Channel.PUSH) : List.copyOf(channels);
            ownSite = ownSite != null && ownSite;
        }

        Route asRoute() {
            return new Route(List.of(), List.of(), to, channels, ownSite);
        }
    }

    /**
     * A system that follows alarms: JSON or CAP 1.2, HMAC-signed with the key in {@code secretFile}.
     * Default kinds: alarms, lockdowns, tamper, all-clears and escalations (not drills unless
     * {@code drills}, not panel outages unless named). A webhook that names {@code sites} is at
     * those schools (signage, a PA system): it gets no silent alarm of theirs unless {@code ownSite};
     * one for every site (an alarm centre) gets them all.
     */
    public record Webhook(String id, String url, String secretFile, Format format, List<String> sites,
                          List<NoticeKind> kinds, Boolean drills, Boolean ownSite) {
        public enum Format { JSON, CAP }

        public Webhook {
            format = format == null ? Format.JSON : format;
            sites = sites == null ? List.of() : List.copyOf(sites);
            kinds = kinds == null ? List.of(NoticeKind.ALARM, NoticeKind.LOCKDOWN, NoticeKind.TAMPER, NoticeKind.ALL_CLEAR,
                    NoticeKind.ESCALATED, NoticeKind.DRILL_START, NoticeKind.DRILL_END) : List.copyOf(kinds);
            drills = drills != null && drills;
            ownSite = ownSite != null && ownSite;
        }

        boolean matches(Notice n) {
            boolean atThatSchool = !sites.isEmpty() && sites.contains(n.site());
            return (sites.isEmpty() || atThatSchool) && kinds.contains(n.kind()) && (drills || !n.drill())
                    && !(n.silent() && atThatSchool && !ownSite);
        }
    }

    public NotificationPlan {
        language = language == null ? "sv" : language.toLowerCase(Locale.ROOT);
        groups = groups == null ? Map.of() : Map.copyOf(groups);
        routes = routes == null ? List.of() : List.copyOf(routes);
        escalation = escalation == null ? List.of() : List.copyOf(escalation);
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        panelOfflineAfterSeconds = panelOfflineAfterSeconds == null ? 300 : panelOfflineAfterSeconds;
        // Where a message's link leads (the live view as people reach it); without it, no link.
        publicUrl = publicUrl == null ? null : publicUrl.replaceAll("/+$", "");
        // Who CAP alerts say they are from (CAP: an identifier without spaces, commas or '<' '&').
        capSender = capSender == null ? "vaktpost" : capSender;
        // What a school's staff hear on the phones they subscribed with the school's invitation.
        staffAlerts = staffAlerts == null ? List.of(NoticeKind.LOCKDOWN, NoticeKind.ALL_CLEAR, NoticeKind.DRILL_START,
                NoticeKind.DRILL_END) : List.copyOf(staffAlerts);
    }

    /** The live view's address of an incident, for a message's link; null without {@code publicUrl}. */
    public String link(String incident) {
        return publicUrl == null || incident == null ? null : publicUrl + "/#incident=" + incident;
    }

    /** No routes, no webhooks: nobody is notified (the live view still alerts). */
    public static NotificationPlan none() {
        return new NotificationPlan(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Whether any message can ever be sent. */
    public boolean active() {
        return !routes.isEmpty() || !escalation.isEmpty() || !webhooks.isEmpty() || !staffAlerts.isEmpty();
    }

    /** Checks every name against the registry; the message says what to fix. */
    public void validate(Set<String> siteIds) {
        require(language.equals("sv") || language.equals("en"), "notifications.language must be sv or en");
        groups.forEach((name, g) -> {
            require(g.site() == null || siteIds.contains(g.site()), "group '" + name + "' names unknown site '" + g.site() + "'");
            require(!g.staff() || g.site() != null, "group '" + name + "' has staff: true but no site");
            g.contacts().forEach(c -> require(c.email() != null || c.phone() != null,
                    "a contact of group '" + name + "' has neither email nor phone"));
        });
        for (Route r : routes) {
            require(!r.kinds().isEmpty(), "a notification route lists no kinds");
            checkRecipients(r.to(), r.sites(), siteIds, "a notification route");
        }
        for (Escalation e : escalation) {
            int last = 0;
            for (Step s : e.steps()) {
                require(s.afterSeconds() > last, "escalation steps must come later one after the other (afterSeconds "
                        + s.afterSeconds() + ")");
                last = s.afterSeconds();
                checkRecipients(s.to(), e.sites(), siteIds, "an escalation step");
            }
        }
        Set<String> ids = new java.util.HashSet<>();
        for (Webhook w : webhooks) {
            require(w.id() != null && ids.add(w.id()), "every webhook needs an id of its own");
            require(w.url() != null && (w.url().startsWith("https://") || w.url().startsWith("http://127.0.0.1")
                            || w.url().startsWith("http://localhost")),
                    "webhook '" + w.id() + "' needs an https url (plain http only to this machine)");
            require(w.secretFile() != null, "webhook '" + w.id() + "' needs a secretFile with its HMAC key");
            w.sites().forEach(s -> require(siteIds.contains(s), "webhook '" + w.id() + "' names unknown site '" + s + "'"));
        }
        require(!staffAlerts.contains(NoticeKind.ALARM) && !staffAlerts.contains(NoticeKind.ESCALATED),
                "notifications.staffAlerts cannot hold ALARM or ESCALATED: a silent alarm never tells its own school");
        require(capSender.matches("[^\\s,<&]+"), "notifications.capSender must have no spaces, commas, < or &");
        require(panelOfflineAfterSeconds >= 30, "notifications.panelOfflineAfterSeconds must be at least 30");
    }

    private void checkRecipients(List<String> to, List<String> sites, Set<String> siteIds, String what) {
        require(!to.isEmpty(), what + " has no recipients (to)");
        sites.forEach(s -> require(siteIds.contains(s), what + " names unknown site '" + s + "'"));
        for (String t : to) {
            if (t.startsWith("role:")) {
                String role = t.substring(5).toUpperCase(Locale.ROOT);
                require(java.util.Arrays.stream(Role.values()).anyMatch(r -> r.name().equals(role)),
                        what + " names unknown role '" + t + "'");
            } else if (!t.startsWith("user:")) {
                require(groups.containsKey(t), what + " names unknown group '" + t + "'");
            }
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
