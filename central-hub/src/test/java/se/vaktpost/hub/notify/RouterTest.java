package se.vaktpost.hub.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.vaktpost.hub.accounts.Role;

class RouterTest {
    private static final Instant T = Instant.parse("2026-12-02T06:40:00Z");
    private static final Directory PEOPLE = new Directory(List.of(
            new Directory.Member("vakt1", Role.SECURITY, null, false, "Vakt1@Kommun.se", "+46 70-111 11 11", List.of("dev-1", "dev-2")),
            new Directory.Member("vakt2", Role.SECURITY, null, true, "vakt2@kommun.se", null, List.of()),
            new Directory.Member("exp-ek", Role.RECEPTION, "ekbacken", false, "exp@ekbacken.se", "+46702222222", List.of("dev-3")),
            new Directory.Member("exp-sol", Role.RECEPTION, "solrosen", false, "exp@solrosen.se", null, List.of())),
            Map.of("ekbacken", List.of("staff-1", "staff-2")));

    private static NotificationPlan plan(List<NotificationPlan.Route> routes, List<NotificationPlan.Escalation> escalation) {
        return new NotificationPlan(null, Map.of(
                "vaktare", new NotificationPlan.Group(null, List.of(), List.of(Role.SECURITY), List.of(), null),
                "rektor-ekbacken", new NotificationPlan.Group("ekbacken", List.of(), List.of(),
                        List.of(new NotificationPlan.Contact("Rektor", "rektor@ekbacken.se", "+46703333333")), null),
                "personal-ekbacken", new NotificationPlan.Group("ekbacken", List.of(), List.of(), List.of(), true)),
                routes, escalation, List.of(new NotificationPlan.Webhook("larmcentral", "https://larm.example/in", "/k",
                        NotificationPlan.Webhook.Format.CAP, List.of(), List.of(NoticeKind.ALARM, NoticeKind.LOCKDOWN), null, null)),
                null, null, null, null, null, null, null);
    }

    private static NotificationPlan.Route route(List<String> to, List<Channel> channels, Boolean ownSite, NoticeKind... kinds) {
        return new NotificationPlan.Route(List.of(), List.of(kinds), to, channels, ownSite);
    }

    private static Notice notice(NoticeKind kind, String incidentKind, boolean drill) {
        return new Notice(7, "inc-1", "ekbacken", kind, incidentKind, drill, "reception", T);
    }

    @Test
    void aLockdownReachesEveryoneNamedOncePerChannelAndAddressHoweverOftenTheyAreNamed() {
        Router r = new Router(plan(List.of(
                route(List.of("vaktare", "user:vakt1", "role:SECURITY"), List.of(Channel.PUSH, Channel.EMAIL, Channel.SMS), null,
                        NoticeKind.LOCKDOWN),
                route(List.of("rektor-ekbacken", "personal-ekbacken", "role:RECEPTION"), List.of(Channel.SMS, Channel.PUSH), null,
                        NoticeKind.LOCKDOWN)), List.of()));

        List<Router.Target> targets = r.route(notice(NoticeKind.LOCKDOWN, "LOCKDOWN", false), PEOPLE);

        assertThat(targets).extracting(t -> t.channel() + " " + t.address()).containsExactlyInAnyOrder(
                "PUSH dev-1", "PUSH dev-2", "EMAIL vakt1@kommun.se", "SMS +46701111111", // vakt2 is disabled
                "SMS +46703333333", "PUSH staff-1", "PUSH staff-2",
                "SMS +46702222222", "PUSH dev-3", // the reception of ekbacken, not of solrosen
                "WEBHOOK larmcentral");
        assertThat(targets).extracting(Router.Target::key).doesNotHaveDuplicates();
    }

    @Test
    void aSilentAlarmNeverReachesItsOwnSchoolUnlessTheRouteSaysSo() {
        List<String> school = List.of("rektor-ekbacken", "personal-ekbacken", "role:RECEPTION", "vaktare");
        Router quiet = new Router(plan(List.of(route(school, List.of(Channel.SMS, Channel.PUSH), null, NoticeKind.ALARM,
                NoticeKind.ESCALATED)), List.of()));
        Router told = new Router(plan(List.of(route(school, List.of(Channel.SMS, Channel.PUSH), true, NoticeKind.ALARM)),
                List.of()));

        assertThat(quiet.route(notice(NoticeKind.ALARM, "ALARM", false), PEOPLE)).extracting(Router.Target::recipient)
                .containsOnly("user:vakt1", "webhook:larmcentral");
        assertThat(quiet.route(notice(NoticeKind.ESCALATED, "ALARM", false), PEOPLE)).extracting(Router.Target::recipient)
                .containsOnly("user:vakt1");
        assertThat(told.route(notice(NoticeKind.ALARM, "ALARM", false), PEOPLE)).extracting(Router.Target::recipient)
                .contains("contact:rektor-ekbacken#0", "staff:ekbacken", "user:exp-ek");
    }

    @Test
    void webhooksFollowRealAlarmsOnlyUnlessTheyAskForDrills() {
        NotificationPlan.Webhook real = new NotificationPlan.Webhook("real", "https://a.example", "/k", null, null, null, null, null);
        NotificationPlan.Webhook drills = new NotificationPlan.Webhook("drills", "https://b.example", "/k", null, null, null, true, null);
        Router r = new Router(new NotificationPlan(null, null, null, null, List.of(real, drills), null, null, null, null, null, null,
                List.of()));

        assertThat(r.route(notice(NoticeKind.LOCKDOWN, "LOCKDOWN", false), PEOPLE)).extracting(Router.Target::address)
                .containsExactly("real", "drills");
        assertThat(r.route(notice(NoticeKind.DRILL_START, "LOCKDOWN", true), PEOPLE)).extracting(Router.Target::address)
                .containsExactly("drills");
    }

    @Test
    void aWebhookAtASchoolGetsNoSilentAlarmOfItsOwnButAnAlarmCentreForEverySiteDoes() {
        NotificationPlan.Webhook signage = new NotificationPlan.Webhook("skylt", "https://s.example", "/k", null,
                List.of("ekbacken"), null, null, null);
        NotificationPlan.Webhook centre = new NotificationPlan.Webhook("larm", "https://l.example", "/k", null, null, null, null, null);
        Router r = new Router(new NotificationPlan(null, null, null, null, List.of(signage, centre), null, null, null, null, null, null,
                List.of()));

        assertThat(r.route(notice(NoticeKind.ALARM, "ALARM", false), PEOPLE)).extracting(Router.Target::address)
                .containsExactly("larm");
        assertThat(r.route(notice(NoticeKind.LOCKDOWN, "LOCKDOWN", false), PEOPLE)).extracting(Router.Target::address)
                .containsExactly("skylt", "larm");
        assertThat(r.route(notice(NoticeKind.PANEL_OFFLINE, null, false), PEOPLE)).as("outages only when named").isEmpty();
    }

    @Test
    void aSiteGroupsMembersAreAtThatSchoolWhateverTheirRole() {
        NotificationPlan plan = new NotificationPlan(null, Map.of("ledning-ekbacken",
                new NotificationPlan.Group("ekbacken", List.of("vakt1"), List.of(Role.ADMIN), List.of(), null)),
                List.of(route(List.of("ledning-ekbacken"), List.of(Channel.SMS), null, NoticeKind.ALARM, NoticeKind.LOCKDOWN)),
                null, null, null, null, null, null, null, null, List.of());

        assertThat(new Router(plan).route(notice(NoticeKind.ALARM, "ALARM", false), PEOPLE)).isEmpty();
        assertThat(new Router(plan).route(notice(NoticeKind.LOCKDOWN, "LOCKDOWN", false), PEOPLE))
                .extracting(Router.Target::address).containsExactly("+46701111111");
    }

    @Test
    void aSchoolsStaffPhonesHearOfItsLockdownsAndDrillsButNeverOfItsSilentAlarm() {
        Router r = new Router(plan(List.of(), List.of()));

        assertThat(r.route(notice(NoticeKind.LOCKDOWN, "LOCKDOWN", false), PEOPLE)).extracting(Router.Target::address)
                .containsExactly("staff-1", "staff-2", "larmcentral");
        assertThat(r.route(notice(NoticeKind.DRILL_END, "LOCKDOWN", true), PEOPLE)).extracting(Router.Target::address)
                .containsExactly("staff-1", "staff-2");
        assertThat(r.route(notice(NoticeKind.ALARM, "ALARM", false), PEOPLE)).extracting(Router.Target::address)
                .containsExactly("larmcentral");
        assertThat(r.route(new Notice(8, "i", "solrosen", NoticeKind.LOCKDOWN, "LOCKDOWN", false, null, T), PEOPLE))
                .extracting(Router.Target::address).containsExactly("larmcentral");
    }

    @Test
    void escalationStepsFallDueByTheNoticesHubTimeAndStopAtTheFirstAnswer() {
        NotificationPlan.Escalation chain = new NotificationPlan.Escalation(List.of(), null, List.of(
                new NotificationPlan.Step(60, List.of("vaktare"), List.of(Channel.SMS), null),
                new NotificationPlan.Step(120, List.of("rektor-ekbacken"), List.of(Channel.SMS), true)));
        Router r = new Router(plan(List.of(), List.of(chain)));
        Notice n = notice(NoticeKind.LOCKDOWN, "LOCKDOWN", false);

        assertThat(r.dueSteps(n, Set.of(), false, T.plusSeconds(59))).isEmpty();
        assertThat(r.dueSteps(n, Set.of(), false, T.plusSeconds(60))).containsExactly(1);
        assertThat(r.dueSteps(n, Set.of(1), false, T.plusSeconds(119))).isEmpty();
        assertThat(r.dueSteps(n, Set.of(1), false, T.plusSeconds(600))).containsExactly(2);
        assertThat(r.dueSteps(n, Set.of(), true, T.plusSeconds(600))).isEmpty();
        assertThat(r.escalate(n, 1, PEOPLE)).extracting(Router.Target::address).containsExactly("+46701111111");
        assertThat(r.escalate(n, 2, PEOPLE)).extracting(t -> t.step() + " " + t.address()).containsExactly("2 +46703333333");
        assertThat(r.dueSteps(notice(NoticeKind.TAMPER, "TAMPER", false), Set.of(), false, T.plusSeconds(600))).isEmpty();
    }

    @Test
    void aPlanNamingWhatDoesNotExistIsRefusedWithWhatToFix() {
        NotificationPlan unknownGroup = plan(List.of(route(List.of("väktare"), List.of(Channel.SMS), null, NoticeKind.ALARM)), List.of());
        NotificationPlan unknownRole = plan(List.of(route(List.of("role:JANITOR"), List.of(Channel.SMS), null, NoticeKind.ALARM)), List.of());

        assertThatThrownBy(() -> unknownGroup.validate(Set.of("ekbacken"))).hasMessageContaining("unknown group 'väktare'");
        assertThatThrownBy(() -> unknownRole.validate(Set.of("ekbacken"))).hasMessageContaining("unknown role");
        assertThatThrownBy(() -> plan(List.of(), List.of()).validate(Set.of("solrosen")))
                .hasMessageContaining("unknown site 'ekbacken'");
    }
}
