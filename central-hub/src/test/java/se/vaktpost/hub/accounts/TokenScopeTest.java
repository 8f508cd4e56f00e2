package se.vaktpost.hub.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TokenScopeTest {
    private final User admin = new User("a", Role.ADMIN, null, false);
    private final User reception = new User("r", Role.RECEPTION, "alfa", false);

    @Test
    void grantsAreParsedFromSpacesOrCommasAndWrittenInOneOrder() {
        TokenScope s = TokenScope.parse(" lockdown:alfa,view:alfa  VIEW:beta ");
        assertThat(s.text()).isEqualTo("lockdown:alfa view:alfa view:beta");
        assertThat(s.sites()).containsExactlyInAnyOrder("alfa", "beta");
        assertThat(TokenScope.parse(s.text())).isEqualTo(s);
    }

    @Test
    void aScopeThatIsEmptyOrMalformedIsRefusedWithWhatToWrite() {
        assertThatThrownBy(() -> TokenScope.parse("")).hasMessageContaining("lockdown:SITE");
        assertThatThrownBy(() -> TokenScope.parse("lockdown")).hasMessageContaining("RIGHT:SITE");
        assertThatThrownBy(() -> TokenScope.parse("personal-data:alfa")).hasMessageContaining("unknown right")
                .hasMessageContaining("view, lockdown, drill, all-clear, acknowledge");
        assertThatThrownBy(() -> TokenScope.parse("view:../x")).hasMessageContaining("not a site id");
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void aScopedTokenOfAnAdminMayOnlyWhatItsGrantsNameAndNeverPersonalData(Action action) {
        User token = admin.scoped(TokenScope.parse("view:* lockdown:alfa all-clear:alfa acknowledge:*"));
        boolean granted = EnumSet.of(Action.LOCKDOWN, Action.ALL_CLEAR, Action.ACKNOWLEDGE).contains(action);
        assertThat(token.may(action, "alfa")).isEqualTo(granted);
        assertThat(token.may(action, "beta")).isEqualTo(action == Action.ACKNOWLEDGE);
        assertThat(token.may(action, null)).as("nothing organisation-wide").isFalse();
    }

    @Test
    void aScopeNarrowsItsUsersRightsAndNeverWidensThem() {
        User token = reception.scoped(TokenScope.parse("view:* lockdown:* all-clear:*"));
        assertThat(token.canSee("alfa")).isTrue();
        assertThat(token.canSee("beta")).as("the user's own school only").isFalse();
        assertThat(token.may(Action.LOCKDOWN, "alfa")).isTrue();
        assertThat(token.may(Action.ALL_CLEAR, "alfa")).as("reception may not give the all-clear").isFalse();
        User viewOnly = admin.scoped(TokenScope.parse("view:beta"));
        assertThat(viewOnly.canSee("beta")).isTrue();
        assertThat(viewOnly.canSee("alfa")).isFalse();
        assertThat(viewOnly.may(Action.LOCKDOWN, "beta")).isFalse();
    }

    @Test
    void aTokenLivesNinetyDaysByDefaultAndAtMostAYear() {
        Instant now = Instant.parse("2026-12-01T08:00:00Z");
        assertThat(TokenTerms.expiry(null, now)).isEqualTo(Instant.parse("2027-03-01T08:00:00Z"));
        assertThat(TokenTerms.expiry(1, now)).isEqualTo(Instant.parse("2026-12-02T08:00:00Z"));
        assertThatThrownBy(() -> TokenTerms.expiry(0, now)).hasMessageContaining("1 to 366 days");
        assertThatThrownBy(() -> TokenTerms.expiry(367, now)).hasMessageContaining("1 to 366 days");
    }
}
