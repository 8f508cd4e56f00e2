package se.vaktpost.hub.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteRegistryTest {
    @TempDir
    Path dir;

    @Test
    void theShippedExampleListsTwoSchoolsWithSeveralPanelsEach() throws IOException {
        SiteRegistry r = SiteRegistry.load(Path.of("../config/sites.example.yaml"));
        assertThat(r.sites()).extracting(SiteRegistry.SiteInfo::id).containsExactly("ekbacken", "solrosen");
        assertThat(r.sites()).allMatch(s -> s.panels().size() >= 2);
        assertThat(r.site("ekbacken").orElseThrow().hasPanel("reception")).isTrue();
        assertThat(r.site("ekbacken").orElseThrow().hasPanel("matsal")).isFalse();
        assertThat(r.panelCount()).isEqualTo(5);
    }

    @Test
    void invalidIdentifiersDuplicatesAndEmptySitesAreRefusedWithTheReason() throws IOException {
        assertRefused("sites:\n  - id: Skola A\n    panels: [{id: p1}]\n", "site id 'Skola A'");
        assertRefused("sites:\n  - id: a\n    panels: [{id: p1}]\n  - id: a\n    panels: [{id: p1}]\n", "listed twice");
        assertRefused("sites:\n  - id: a\n    panels: [{id: p1}, {id: p1}]\n", "lists a panel twice");
        assertRefused("sites:\n  - id: a\n    panels: []\n", "has no panels");
        assertRefused("sites: []\n", "no sites");
        assertRefused("sites:\n  - id: a\n    colour: red\n    panels: [{id: p1}]\n", "colour");
    }

    @Test
    void securityAndAdminSignInWithASecondFactorUnlessTheFileSaysOtherwise() throws IOException {
        assertThat(SiteRegistry.load(Path.of("../config/sites.example.yaml")).settings().twoFactorRoles())
                .containsExactlyInAnyOrder(se.vaktpost.hub.accounts.Role.SECURITY, se.vaktpost.hub.accounts.Role.ADMIN);
        String site = "sites:\n  - id: a\n    panels: [{id: p1}]\n";
        Path file = dir.resolve("roles.yaml");
        Files.writeString(file, site + "hub:\n  twoFactorRoles: [security, reception, ADMIN]\n");
        assertThat(SiteRegistry.load(file).settings().twoFactorRoles()).containsExactlyInAnyOrder(
                se.vaktpost.hub.accounts.Role.SECURITY, se.vaktpost.hub.accounts.Role.RECEPTION,
                se.vaktpost.hub.accounts.Role.ADMIN);
        Files.writeString(file, site + "hub:\n  twoFactorRoles: []\n");
        assertThat(SiteRegistry.load(file).settings().twoFactorRoles()).isEmpty();
        assertRefused(site + "hub:\n  twoFactorRoles: [guard]\n", "guard");
    }

    @Test
    void theExamplesNotificationSectionLoadsOnceUncommentedAndABadNameIsRefusedWithWhatToFix() throws IOException {
        String example = Files.readString(Path.of("../config/sites.example.yaml"));
        int at = example.indexOf("# notifications:");
        String uncommented = example.substring(0, at) + example.substring(at).replaceAll("(?m)^# ", "");
        Path file = Files.writeString(dir.resolve("notify.yaml"), uncommented);

        var plan = SiteRegistry.load(file).notifications();

        assertThat(plan.active()).isTrue();
        assertThat(plan.routes()).hasSize(2);
        assertThat(plan.escalation().get(0).steps().get(0).afterSeconds()).isEqualTo(60);
        assertThat(plan.webhooks().get(0).format()).isEqualTo(se.vaktpost.hub.notify.NotificationPlan.Webhook.Format.CAP);
        assertThat(plan.link("i-1")).isEqualTo("https://vaktpost.kommun.se/#incident=i-1");
        assertThat(SiteRegistry.load(Path.of("../config/sites.example.yaml")).notifications().routes()).isEmpty();
        assertRefused(uncommented.replace("to: [vaktare]", "to: [väktare]"), "unknown group 'väktare'");
        assertRefused(uncommented.replace("sites: [ekbacken]", "sites: [ekbackan]"), "unknown site 'ekbackan'");
    }

    @Test
    void aMissingFileSaysWhereTheExampleIs() {
        assertThatThrownBy(() -> SiteRegistry.load(dir.resolve("nope.yaml")))
                .hasMessageContaining("config/sites.example.yaml");
    }

    private void assertRefused(String yaml, String reason) throws IOException {
        Path f = Files.writeString(dir.resolve("r.yaml"), yaml);
        assertThatThrownBy(() -> SiteRegistry.load(f)).as(yaml).hasMessageContaining(reason);
    }
}
